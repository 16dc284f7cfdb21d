package io.vigil.analytics.glucose;

import io.vigil.analytics.alert.AlertCategory;
import io.vigil.analytics.alert.AlertPriority;
import io.vigil.analytics.alert.AlertRule;
import java.time.Duration;
import java.util.Objects;

/**
 * The predicted-low rule's settings: a straight line fitted by least squares to the CGM readings of the last
 * {@code fitWindow}, extended {@code horizon} ahead of the newest reading; {@code glucose-predicted-low} is raised
 * when {@code confirmations} consecutive forecasts are below {@code threshold}, and cleared when the forecast is
 * back at {@code threshold + clearMargin} or above. The fit needs {@code minReadings} readings spanning at least
 * half the fit window.
 */
public record PredictedLow(double threshold, double clearMargin, Duration fitWindow, Duration horizon, int minReadings,
                           int confirmations, AlertPriority priority) {
    public static final String RULE_ID = "glucose-predicted-low";

    public PredictedLow {
        Objects.requireNonNull(fitWindow, "fitWindow");
        Objects.requireNonNull(horizon, "horizon");
        Objects.requireNonNull(priority, "priority");
        if (!(threshold > 0) || !(clearMargin >= 0) || fitWindow.isNegative() || fitWindow.isZero()
                || horizon.isNegative() || minReadings < 2 || confirmations < 1) {
            throw new IllegalArgumentException("predicted low: positive threshold and fit window, at least 2 readings");
        }
    }

    /**
     * Defaults: below 70 mg/dL (the consensus level-1 hypoglycaemia threshold, Battelino 2019) within 30 minutes,
     * fitted over the last 30 minutes (6–7 readings of a 5-minute CGM) with at least 3 readings, two consecutive
     * forecasts below; clears 10 mg/dL above the threshold; medium priority. Chosen on simulated traces
     * (docs/clinical.md gives the lead times and false alarms of the alternatives).
     */
    public static PredictedLow defaults() {
        return new PredictedLow(70, 10, Duration.ofMinutes(30), Duration.ofMinutes(30), 3, 2, AlertPriority.MEDIUM);
    }

    public AlertRule alertRule() {
        return new AlertRule(RULE_ID, "cgm-glucose", priority, AlertCategory.PHYSIOLOGICAL);
    }
}
