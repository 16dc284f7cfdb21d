package io.vigil.server.medication;

import java.time.Instant;

/**
 * A command to a dispenser, as sent on {@code vigil/v1/devices/{id}/commands} and tracked until the device
 * acknowledges it ({@code command-ack} event with its id).
 *
 * @param status {@code pending} (sent, not acknowledged), {@code acknowledged}, {@code rejected} (the device said
 *               it could not apply it) or {@code expired} (no acknowledgement after every attempt)
 */
public record DispenserCommand(String id, String deviceId, String scheduleId, String type, String payload, String status,
                               int attempts, Instant createdAt, Instant lastSentAt, Instant acknowledgedAt,
                               String result) {
    public static final String PENDING = "pending";
    public static final String ACKNOWLEDGED = "acknowledged";
    public static final String REJECTED = "rejected";
    public static final String EXPIRED = "expired";
}
