package io.vigil.analytics.glucose;

import io.vigil.analytics.alert.ConditionEvent;
import io.vigil.analytics.watch.ConditionLatch;
import io.vigil.analytics.watch.ReadingWindow;
import java.time.Instant;
import java.util.Optional;

/**
 * One patient's CGM predicted low ({@link PredictedLow}): each CGM reading refits the line and compares its
 * forecast. A late reading takes its place in the fit window (a reading older than the window is dropped) and
 * the forecast is made again from the newest reading. The event's value is the forecast in mg/dL.
 * Not thread-safe: one per patient, fed by one thread. Not for clinical use.
 */
public final class PredictedLowMonitor {
    private final PredictedLow rule;
    private final ReadingWindow window;
    private final ConditionLatch latch;
    private int below;

    public PredictedLowMonitor(String patient, PredictedLow rule) {
        this.rule = rule;
        this.window = new ReadingWindow(rule.fitWindow());
        this.latch = new ConditionLatch(rule.alertRule(), patient);
    }

    /** The forecast after this reading, if the window holds enough readings for a fit. */
    public Optional<Double> forecastAfter(double mgdl, Instant time) {
        if (!window.add(time, mgdl) || window.size() < rule.minReadings()
                || window.span().multipliedBy(2).compareTo(rule.fitWindow()) < 0) {
            return Optional.empty();
        }
        return Optional.of(window.forecast(rule.horizon()));
    }

    /** The event a CGM reading causes, if any. */
    public Optional<ConditionEvent> accept(double mgdl, Instant time) {
        Optional<Double> forecast = forecastAfter(mgdl, time);
        if (forecast.isEmpty()) {
            return Optional.empty();
        }
        double f = forecast.get();
        if (f < rule.threshold()) {
            below++;
            return latch.raised() || below >= rule.confirmations()
                    ? Optional.of(latch.holds(f, window.newestTime())) : Optional.empty();
        }
        below = 0;
        if (f >= rule.threshold() + rule.clearMargin()) {
            return Optional.ofNullable(latch.over(f, window.newestTime()));
        }
        return Optional.empty();
    }
}
