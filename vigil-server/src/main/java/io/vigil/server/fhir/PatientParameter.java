package io.vigil.server.fhir;

import ca.uhn.fhir.rest.param.ReferenceParam;

/** The patient a search by {@code patient} or {@code subject} names (one of them), or null for a non-Patient subject. */
final class PatientParameter {
    private PatientParameter() {
    }

    static String of(String resourceType, ReferenceParam patient, ReferenceParam subject) {
        ReferenceParam who = patient != null ? patient : subject;
        if (who == null || (patient != null && subject != null)) {
            throw FhirRefusals.invalid("Search " + resourceType + " by one of patient or subject");
        }
        if (who.getResourceType() != null && !"Patient".equals(who.getResourceType())) {
            return null;
        }
        return who.getIdPart();
    }
}
