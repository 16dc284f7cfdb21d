package io.vigil.server.access;

import io.vigil.server.api.ApiErrors;
import io.vigil.server.api.ApiException;
import io.vigil.server.security.Role;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Which patients a caller may see — the one place that decides it, for every API, FHIR search, event stream
 * and page:
 * <ul>
 *   <li>clinicians and integration accounts: the patients of the care units their care teams cover, plus units
 *       their identity provider grants (authorities {@code UNIT_<unit>}, from a JWT's units claim);</li>
 *   <li>clinicians also: patients they opened by breaking the glass, while the grant lasts;</li>
 *   <li>caregivers: only the patients shared with them;</li>
 *   <li>administrators: no clinical data (unless they also hold a clinical role), but every patient's registration
 *       ({@link #registrationScopeOf}), which assigning devices needs.</li>
 * </ul>
 * A patient outside the scope is answered exactly like one that does not exist (404).
 */
@Component
public class PatientAccess {
    /** Prefix of the authorities naming a care unit the caller works in, e.g. {@code UNIT_ward-a}. */
    public static final String UNIT_AUTHORITY_PREFIX = "UNIT_";

    private final CareTeamStore teams;
    private final PatientShares shares;
    private final BreakGlassGrants grants;
    private final JdbcTemplate jdbc;

    PatientAccess(CareTeamStore teams, PatientShares shares, BreakGlassGrants grants, JdbcTemplate jdbc) {
        this.teams = teams;
        this.shares = shares;
        this.grants = grants;
        this.jdbc = jdbc;
    }

    /** The caller of the current request (the security context of this thread). */
    public static Authentication caller() {
        return SecurityContextHolder.getContext().getAuthentication();
    }

    /** The patients whose clinical data (readings, scores, alerts) this caller may see. */
    public PatientScope scopeOf(Authentication caller) {
        if (caller == null || caller instanceof AnonymousAuthenticationToken || !caller.isAuthenticated()) {
            return PatientScope.nobody();
        }
        String name = caller.getName();
        Set<String> units = new HashSet<>();
        Set<String> patients = new HashSet<>();
        if (Role.CLINICIAN.heldBy(caller) || Role.INTEGRATION.heldBy(caller)) {
            units.addAll(teams.unitsOf(name));
            for (GrantedAuthority granted : caller.getAuthorities()) {
                String authority = granted.getAuthority();
                if (authority != null && authority.startsWith(UNIT_AUTHORITY_PREFIX)) {
                    units.add(authority.substring(UNIT_AUTHORITY_PREFIX.length()));
                }
            }
        }
        if (Role.CLINICIAN.heldBy(caller)) {
            patients.addAll(grants.openFor(name));
        }
        if (Role.CAREGIVER.heldBy(caller)) {
            patients.addAll(shares.sharedWith(name));
        }
        return new PatientScope(false, units, patients);
    }

    public PatientScope scopeOfCaller() {
        return scopeOf(caller());
    }

    /** The patients whose registration (name, MRN, unit, bed — no clinical data) this caller may see. */
    public PatientScope registrationScopeOf(Authentication caller) {
        return Role.ADMIN.heldBy(caller) ? PatientScope.everyone() : scopeOf(caller);
    }

    /**
     * The patients of the caller's own care (their care teams' units and the units their identity provider grants),
     * leaving out break-glass grants and shares: whose audit trail a clinician may review. Empty for non-clinicians.
     */
    public Set<String> patientsInCareOf(Authentication caller) {
        if (!Role.CLINICIAN.heldBy(caller)) {
            return Set.of();
        }
        PatientScope.Condition units = new PatientScope(false, scopeOf(caller).units(), Set.of()).where("care_unit", "id");
        return new HashSet<>(jdbc.queryForList("SELECT id FROM patient WHERE " + units.sql(), String.class,
                units.args().toArray()));
    }

    /** Whether the caller may see this patient's clinical data; false for a patient that does not exist. */
    public boolean canSee(Authentication caller, String patientId) {
        return patientId != null && includes(scopeOf(caller), patientId);
    }

    /** Whether the caller may see this patient's registration; false for a patient that does not exist. */
    public boolean canSeeRegistration(Authentication caller, String patientId) {
        return patientId != null && includes(registrationScopeOf(caller), patientId);
    }

    /** Refuses, as "not found", a patient whose clinical data the current caller may not see. */
    public void requireVisible(String patientId) {
        if (!canSee(caller(), patientId)) {
            throw ApiException.notFound("Patient");
        }
    }

    /**
     * Administrators register patients into any unit; anyone else (a clinician) only into a unit their care teams
     * cover, so that they can see the patient they just registered. Refused with 403 VIGIL-1350.
     */
    public void requireMayRegisterInto(Authentication caller, String unit) {
        if (Role.ADMIN.heldBy(caller)) {
            return;
        }
        if (unit == null || !scopeOf(caller).includesUnit(unit)) {
            throw new ApiException(HttpStatus.FORBIDDEN, ApiErrors.UNIT_NOT_COVERED,
                    "Clinicians register patients only into a unit their care teams cover", "unit");
        }
    }

    /** Whether the caller sees this patient only through a break-glass grant (reads are then flagged in the audit). */
    public boolean throughBreakGlass(Authentication caller, String patientId) {
        if (caller == null || patientId == null || !Role.CLINICIAN.heldBy(caller) || !grants.isOpen(caller.getName(), patientId)) {
            return false;
        }
        PatientScope ordinary = new PatientScope(false, scopeOf(caller).units(), Set.of());
        return !includes(ordinary, patientId);
    }

    private boolean includes(PatientScope scope, String patientId) {
        if (scope.patients().contains(patientId)) {
            return true; // shares and grants reference existing patients
        }
        if (scope.everyPatient()) {
            return exists(patientId);
        }
        if (scope.units().isEmpty()) {
            return false;
        }
        List<String> unit = jdbc.queryForList("SELECT care_unit FROM patient WHERE id = ?", String.class, patientId);
        return !unit.isEmpty() && unit.getFirst() != null && scope.units().contains(unit.getFirst());
    }

    /**
     * Whether the caller sees device-level data that belongs to no patient (devices, unattributed readings):
     * administrators and clinicians, who fix device assignments. Caregivers and integration accounts do not.
     */
    public boolean seesUnattributed(Authentication caller) {
        return Role.ADMIN.heldBy(caller) || Role.CLINICIAN.heldBy(caller);
    }

    /** Whether a patient with this id exists — for break-glass only, which may open any patient. */
    public boolean exists(String patientId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM patient WHERE id = ?", Integer.class, patientId) > 0;
    }
}
