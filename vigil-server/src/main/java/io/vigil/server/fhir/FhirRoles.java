package io.vigil.server.fhir;

import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import io.vigil.server.access.PatientAccess;
import io.vigil.server.security.Role;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Which roles may use which FHIR resource types at all; a role outside the list gets 403 before anything is looked
 * up (which patients a permitted caller sees is {@link FhirVisibility}'s business):
 * <ul>
 *   <li>Patient — every role (administrators see every registration, the others their scope);</li>
 *   <li>Subscription — integration accounts (and administrators, for one);</li>
 *   <li>Observation, RiskAssessment, Flag — the roles with a clinical scope: clinician, caregiver, integration (an
 *       administrator who is not also one of them sees no clinical data);</li>
 *   <li>Device, Practitioner, CareTeam — staff: admin, clinician, integration; not caregivers.</li>
 * </ul>
 * Each provider asks first thing in each of its methods (a refusal thrown from a HAPI interceptor would be logged as
 * an error with its stack trace, one per refused request).
 */
final class FhirRoles {
    private static final Set<Role> CLINICAL = EnumSet.of(Role.CLINICIAN, Role.CAREGIVER, Role.INTEGRATION);
    private static final Set<Role> STAFF = EnumSet.of(Role.ADMIN, Role.CLINICIAN, Role.INTEGRATION);
    private static final Map<String, Set<Role>> MAY_USE = Map.of(
            "Patient", EnumSet.allOf(Role.class),
            "Observation", CLINICAL,
            "RiskAssessment", CLINICAL,
            "Goal", CLINICAL,
            "Flag", CLINICAL,
            "Subscription", EnumSet.of(Role.ADMIN, Role.INTEGRATION),
            "Device", STAFF,
            "Practitioner", STAFF,
            "CareTeam", STAFF,
            "Location", EnumSet.allOf(Role.class));

    private FhirRoles() {
    }

    /** Refuses (403) a caller none of whose roles may use this resource type. */
    static void require(String resourceType) {
        requireOneOf(resourceType, MAY_USE.getOrDefault(resourceType, Set.of()));
    }

    /**
     * Refuses (403) a caller none of whose roles is {@code allowed} to use the resource type (for types beyond the
     * table: MedicationRequest and MedicationAdministration — clinical roles; Encounter — clinicians and integration).
     */
    static void requireOneOf(String resourceType, Set<Role> allowed) {
        if (allowed.stream().noneMatch(role -> role.heldBy(PatientAccess.caller()))) {
            String message = "Your role may not use " + resourceType + " resources";
            throw new ForbiddenOperationException(message, FhirRefusals.outcome(403, message, null));
        }
    }
}
