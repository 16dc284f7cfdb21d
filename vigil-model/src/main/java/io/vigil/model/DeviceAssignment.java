package io.vigil.model;

import java.time.Instant;

/**
 * A device given to a patient for a period: from {@code start} (inclusive) to {@code end} (exclusive, null = open).
 */
public record DeviceAssignment(String id, String deviceId, String patientId, Instant start, Instant end) {

    /** Whether the device was with this patient at the given instant. */
    public boolean covers(Instant time) {
        return !time.isBefore(start) && (end == null || time.isBefore(end));
    }
}
