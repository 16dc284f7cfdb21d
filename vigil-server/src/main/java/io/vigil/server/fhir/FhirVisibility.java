package io.vigil.server.fhir;

import io.vigil.model.ObservationRecord;
import io.vigil.model.PatientRecord;
import io.vigil.server.access.PatientAccess;
import io.vigil.server.access.PatientScope;
import io.vigil.server.security.Role;
import java.util.function.Predicate;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * What the caller of the current FHIR request may see, decided by {@link PatientAccess} (care teams, shares,
 * break-glass grants) — the providers ask here and answer anything outside it exactly like something that does not
 * exist: 404 on a read, absent from a search, its count and its pages.
 * <ul>
 *   <li>Patient (registration: identifiers, name, unit): administrators every patient, everyone else their
 *       clinical scope;</li>
 *   <li>clinical data (Observation, RiskAssessment): the clinical scope;</li>
 *   <li>unattributed Observations (no patient at their time) are device-level data: clinicians only — not
 *       administrators, who see no clinical data, nor caregivers or integration accounts, whose scope is patients.</li>
 * </ul>
 * Which resource types a role may use at all is {@link FhirRoles}' business.
 */
@Component
class FhirVisibility {
    private final PatientAccess access;

    FhirVisibility(PatientAccess access) {
        this.access = access;
    }

    /** Whether the caller may see this patient's registration. */
    boolean seesRegistration(PatientRecord patient) {
        return access.registrationScopeOf(PatientAccess.caller()).includes(patient.id(), patient.unit());
    }

    /** Refuses (403 VIGIL-1350) a clinician admitting a patient into a unit none of their care teams covers. */
    void requireMayAdmitInto(String unit) {
        access.requireMayRegisterInto(PatientAccess.caller(), unit);
    }

    /** The caller's test for registrations, to apply to a whole candidate list before it is paged. */
    Predicate<PatientRecord> registrations() {
        PatientScope scope = access.registrationScopeOf(PatientAccess.caller());
        return patient -> scope.includes(patient.id(), patient.unit());
    }

    /** Whether the caller may see this patient's clinical data; false for an unknown patient. */
    boolean seesClinicalData(String patientId) {
        return access.canSee(PatientAccess.caller(), patientId);
    }

    boolean sees(ObservationRecord observation) {
        return observation.patientId() == null ? seesUnattributed(PatientAccess.caller())
                : seesClinicalData(observation.patientId());
    }

    /** The Observations the caller may see, as an SQL condition over the observation row {@code o}. */
    PatientScope.Condition observations() {
        Authentication caller = PatientAccess.caller();
        PatientScope.Condition attributed = access.scopeOf(caller).wherePatient("o.patient_id");
        if (!seesUnattributed(caller)) {
            return attributed;
        }
        return new PatientScope.Condition("(o.patient_id IS NULL OR " + attributed.sql() + ")", attributed.args());
    }

    private static boolean seesUnattributed(Authentication caller) {
        return Role.CLINICIAN.heldBy(caller);
    }
}
