package io.vigil.codec;

import io.vigil.model.Measurement;
import java.time.Duration;
import java.util.List;

/**
 * One message from a device: its optional id (which makes a retry idempotent), its measurements, and what the
 * device said about them besides their values.
 *
 * @param notes       status flags and fields kept as text (BLE GATT); empty for device JSON
 * @param clockOffset receive time − device time when the payload carried a device time; null otherwise
 */
public record DeviceMessage(String messageId, List<Measurement> measurements, List<String> notes, Duration clockOffset) {
    public DeviceMessage {
        measurements = List.copyOf(measurements);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /** A message that carries only measurements (device JSON, HL7 v2, templates). */
    public DeviceMessage(String messageId, List<Measurement> measurements) {
        this(messageId, measurements, List.of(), null);
    }
}
