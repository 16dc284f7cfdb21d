package io.vigil.codec.ble;

import io.vigil.model.BodySite;
import io.vigil.model.Measurement;
import io.vigil.model.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What one BLE characteristic value said.
 *
 * @param measurements coded measurements in canonical units (empty for Intermediate Cuff Pressure)
 * @param notes        status flags and fields Vigil keeps as text, e.g. "cuff too loose", "RR intervals (s): 0.8"
 * @param deviceTime   the time stamp in the payload, read as UTC; null when absent or its year is unknown
 * @param clockOffset  receive time − device time; null without a device time
 * @param timeSource   DEVICE when the measurements carry the device's time, else RECEIVED
 * @param bodySite     the body site the value names (a thermometer's temperature type), also set on its
 *                     measurements; null when it names none
 */
public record GattReading(List<Measurement> measurements, List<String> notes, Instant deviceTime,
                          Duration clockOffset, TimeSource timeSource, BodySite bodySite) {
    public GattReading {
        measurements = List.copyOf(measurements);
        notes = List.copyOf(notes);
    }
}
