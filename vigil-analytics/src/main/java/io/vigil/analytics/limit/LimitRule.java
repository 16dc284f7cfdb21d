package io.vigil.analytics.limit;

import io.vigil.analytics.alert.AlertPriority;
import java.time.Duration;
import java.util.Objects;

/**
 * One limit on one measurement, in the measurement's canonical unit: breached at or beyond
 * {@code threshold}, raised once the breach has held for {@code duration}, cleared only when the value is
 * back inside the limit by {@code hysteresis} (so a value wobbling around the limit raises once).
 *
 * @param id          stable name, unique per patient (e.g. {@code heart-rate-high}); an override replaces the
 *                    rule with the same id
 * @param measurement registry alias of the value compared ({@code systolic-bp} for the blood-pressure panel)
 */
public record LimitRule(String id, String measurement, Direction direction, double threshold, double hysteresis,
                        Duration duration, AlertPriority priority) {

    /** Which side of the threshold is the breach. */
    public enum Direction {
        /** value ≤ threshold */
        LOW,
        /** value ≥ threshold */
        HIGH
    }

    public LimitRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(measurement, "measurement");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(priority, "priority");
        if (!Double.isFinite(threshold) || !Double.isFinite(hysteresis) || hysteresis < 0 || duration.isNegative()) {
            throw new IllegalArgumentException("limit " + id + ": finite threshold, non-negative hysteresis and duration");
        }
    }

    /** Whether the value is at or beyond the limit. */
    public boolean breachedBy(double value) {
        return direction == Direction.HIGH ? value >= threshold : value <= threshold;
    }

    /** Whether the value is back inside the limit by at least the hysteresis margin. */
    public boolean clearedBy(double value) {
        return direction == Direction.HIGH ? value <= threshold - hysteresis : value >= threshold + hysteresis;
    }
}
