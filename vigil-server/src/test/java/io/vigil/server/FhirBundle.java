package io.vigil.server;

import com.fasterxml.jackson.databind.JsonNode;

/** Finds Observations and their components in a FHIR search Bundle (JSON) by LOINC code. */
public final class FhirBundle {

    private FhirBundle() {
    }

    /** The first Observation of the bundle whose first coding is this LOINC code. */
    public static JsonNode observation(JsonNode bundle, String loinc) {
        for (JsonNode entry : bundle.path("entry")) {
            JsonNode resource = entry.get("resource");
            if (resource.at("/code/coding/0/code").asText().equals(loinc)) {
                return resource;
            }
        }
        throw new AssertionError("no Observation " + loinc + " in " + bundle);
    }

    /** The valueQuantity of the Observation's component with this LOINC code. */
    public static JsonNode component(JsonNode observation, String loinc) {
        for (JsonNode component : observation.path("component")) {
            if (component.at("/code/coding/0/code").asText().equals(loinc)) {
                return component.get("valueQuantity");
            }
        }
        throw new AssertionError("no component " + loinc + " in " + observation);
    }
}
