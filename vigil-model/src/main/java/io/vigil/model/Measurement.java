package io.vigil.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One measurement as a device reported it, already coded and in canonical units, not yet stored.
 * A blood-pressure panel is one measurement with components.
 */
public record Measurement(MeasurementType type, MeasuredValue value, Instant time, TimeSource timeSource) {
    public Measurement {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(timeSource, "timeSource");
    }
}
