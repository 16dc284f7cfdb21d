package io.vigil.server.telehealth;

import java.time.Instant;

/**
 * A remote clinician's telehealth session with a patient (FHIR Encounter, class VR). A video visit is outside Vigil:
 * this is its record.
 *
 * @param end null while the session is open
 */
public record TelehealthSession(String id, String patientId, String clinician, Instant start, Instant end, String notes) {
    public boolean open() {
        return end == null;
    }
}
