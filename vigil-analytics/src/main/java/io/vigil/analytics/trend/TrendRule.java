package io.vigil.analytics.trend;

import io.vigil.analytics.alert.AlertCategory;
import io.vigil.analytics.alert.AlertPriority;
import io.vigil.analytics.alert.AlertRule;
import java.time.Duration;
import java.util.Objects;

/** A rule over a window of one measurement's readings. Values are in the measurement's canonical unit. */
public sealed interface TrendRule {
    String id();

    String measurement();

    Duration window();

    AlertPriority priority();

    default AlertRule alertRule() {
        return new AlertRule(id(), measurement(), priority(), AlertCategory.PHYSIOLOGICAL);
    }

    /**
     * The newest reading is more than {@code gain} above the lowest reading of the window before it (heart-failure
     * fluid retention). Cleared when the gain is back to {@code gain − hysteresis} or less.
     */
    record Gain(String id, String measurement, double gain, double hysteresis, Duration window, AlertPriority priority)
            implements TrendRule {
        public Gain {
            Objects.requireNonNull(id, "id");
            requirePositive(window);
            if (!(gain > 0) || !(hysteresis >= 0) || hysteresis > gain) {
                throw new IllegalArgumentException("trend " + id + ": gain > 0 and 0 ≤ hysteresis ≤ gain");
            }
        }
    }

    /**
     * The least-squares slope of the window's readings, per hour, is at or beyond {@code perHour} (positive:
     * rising; negative: falling) — once the window holds at least {@code minReadings} readings spanning at least
     * half the window. Cleared when the slope is back to {@code clearPerHour} or less steep.
     */
    record Slope(String id, String measurement, double perHour, double clearPerHour, Duration window, int minReadings,
                 AlertPriority priority) implements TrendRule {
        public Slope {
            Objects.requireNonNull(id, "id");
            requirePositive(window);
            if (perHour == 0 || minReadings < 3 || Math.signum(clearPerHour) * Math.signum(perHour) < 0
                    || Math.abs(clearPerHour) > Math.abs(perHour)) {
                throw new IllegalArgumentException("trend " + id + ": non-zero slope, clear slope on its side and "
                        + "no steeper, at least 3 readings");
            }
        }

        public boolean rising() {
            return perHour > 0;
        }
    }

    private static void requirePositive(Duration window) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a trend window is positive");
        }
    }
}
