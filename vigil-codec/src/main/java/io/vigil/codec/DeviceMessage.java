package io.vigil.codec;

import io.vigil.model.Measurement;
import java.util.List;

/**
 * One message of device JSON: its optional id (which makes a retry idempotent) and its measurements.
 */
public record DeviceMessage(String messageId, List<Measurement> measurements) {
    public DeviceMessage {
        measurements = List.copyOf(measurements);
    }
}
