package io.vigil.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
 * @param notes      what the device said about the measurement besides its value (BLE status flags such as
 *                   "cuff too loose", a user id); empty when it said nothing
 * @param clockOffset receive time − the device's time stamp, when the device stamped the measurement; else null
 */
public record ObservationRecord(String id, String deviceId, String patientId, Measurement measurement,
                                Instant receivedAt, List<String> notes, Duration clockOffset) {
    public ObservationRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(measurement, "measurement");
        Objects.requireNonNull(receivedAt, "receivedAt");
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /** A reading without device notes or clock offset (device JSON, HL7 v2, templates). */
    public ObservationRecord(String id, String deviceId, String patientId, Measurement measurement, Instant receivedAt) {
        this(id, deviceId, patientId, measurement, receivedAt, List.of(), null);
    }

    public Optional<String> patient() {
        return Optional.ofNullable(patientId);
    }
}
