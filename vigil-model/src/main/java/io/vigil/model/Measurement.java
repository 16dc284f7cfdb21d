package io.vigil.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One measurement as a device reported it, already coded and in canonical units, not yet stored.
 * A blood-pressure panel is one measurement with components.
 *
 * @param bodySite where on the body it was taken, when the device said so (a thermometer's site); else null
 */
public record Measurement(MeasurementType type, MeasuredValue value, Instant time, TimeSource timeSource,
                          BodySite bodySite) {
    public Measurement {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(timeSource, "timeSource");
    }

    /** A measurement whose device did not name the body site. */
    public Measurement(MeasurementType type, MeasuredValue value, Instant time, TimeSource timeSource) {
        this(type, value, time, timeSource, null);
    }

    /** The same measurement taken at {@code site}. */
    public Measurement at(BodySite site) {
        return new Measurement(type, value, time, timeSource, site);
    }
}
