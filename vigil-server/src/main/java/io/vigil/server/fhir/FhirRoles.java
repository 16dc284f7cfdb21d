package io.vigil.server.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import io.vigil.server.access.PatientAccess;
import io.vigil.server.security.Role;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.springframework.security.core.Authentication;

/**
 * Which roles may use which FHIR resource types at all; a role outside the list gets 403 before anything is looked
 * up (which patients a permitted caller sees is {@link FhirVisibility}'s business):
 * <ul>
 *   <li>Patient — every role (administrators see every registration, the others their scope);</li>
 *   <li>Observation, RiskAssessment — the roles with a clinical scope: clinician, caregiver, integration (an
 *       administrator who is not also one of them sees no clinical data);</li>
 *   <li>Device, Practitioner, CareTeam — staff: admin, clinician, integration; not caregivers.</li>
 * </ul>
 * Types not listed here (added by other features) decide for themselves. {@code /metadata} is open.
 */
@Interceptor
final class FhirRoles {
    private static final Set<Role> CLINICAL = EnumSet.of(Role.CLINICIAN, Role.CAREGIVER, Role.INTEGRATION);
    private static final Set<Role> STAFF = EnumSet.of(Role.ADMIN, Role.CLINICIAN, Role.INTEGRATION);
    static final Map<String, Set<Role>> MAY_USE = Map.of(
            "Patient", EnumSet.allOf(Role.class),
            "Observation", CLINICAL,
            "RiskAssessment", CLINICAL,
            "Device", STAFF,
            "Practitioner", STAFF,
            "CareTeam", STAFF);

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
    public boolean permit(RequestDetails request) {
        String type = request.getResourceName();
        Set<Role> allowed = type == null ? null : MAY_USE.get(type); // no type: /metadata, open to all
        Authentication caller = PatientAccess.caller();
        if (allowed != null && allowed.stream().noneMatch(role -> role.heldBy(caller))) {
            String message = "Your role may not use " + type + " resources";
            throw new ForbiddenOperationException(message, FhirRefusals.outcome(403, message, null));
        }
        return true;
    }
}
