package io.vigil.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A stored measurement: what Vigil serves as one FHIR Observation.
 *
 * @param id         Vigil's id for the observation (the FHIR logical id)
 * @param deviceId   the device that sent it
 * @param patientId  the patient who had the device at the measurement's time; {@code null} when the
 *                   device was not assigned then (an unattributed reading, kept and shown as such)
 * @param measurement the coded measurement
 * @param receivedAt when Vigil received it
 */
public record ObservationRecord(String id, String deviceId, String patientId, Measurement measurement,
                                Instant receivedAt) {
    public ObservationRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(measurement, "measurement");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }

    public Optional<String> patient() {
        return Optional.ofNullable(patientId);
    }
}
