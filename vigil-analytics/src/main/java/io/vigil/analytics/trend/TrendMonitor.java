package io.vigil.analytics.trend;

import io.vigil.analytics.alert.ConditionEvent;
import io.vigil.analytics.watch.ConditionLatch;
import io.vigil.analytics.watch.ReadingWindow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One patient's trend rules over the readings as they arrive. Each rule keeps the readings of its window, in
 * time order. A late reading (older than the newest one seen) is put in its place in the window and the rule is
 * evaluated again as of the newest reading — a late weight can complete a 3-day comparison — while a reading
 * older than the window before the newest is dropped. Events carry the newest reading's time.
 * Not thread-safe: one per patient, fed by one thread. Not for clinical use.
 */
public final class TrendMonitor {
    private final List<Watch> watches;

    public TrendMonitor(String patient, TrendRules rules) {
        this.watches = rules.rules().stream().map(r -> new Watch(r, new ConditionLatch(r.alertRule(), patient))).toList();
    }

    /** Whether any rule watches this measurement (a reading of another one can be skipped). */
    public boolean watches(String measurement) {
        for (Watch watch : watches) {
            if (watch.rule.measurement().equals(measurement)) {
                return true;
            }
        }
        return false;
    }

    /** The events one reading causes. */
    public List<ConditionEvent> accept(String measurement, double value, Instant time) {
        List<ConditionEvent> events = new ArrayList<>(0);
        for (Watch watch : watches) {
            if (watch.rule.measurement().equals(measurement)) {
                ConditionEvent event = watch.see(value, time);
                if (event != null) {
                    events.add(event);
                }
            }
        }
        return events;
    }

    private static final class Watch {
        private final TrendRule rule;
        private final ConditionLatch latch;
        private final ReadingWindow window;

        Watch(TrendRule rule, ConditionLatch latch) {
            this.rule = rule;
            this.latch = latch;
            this.window = new ReadingWindow(rule.window());
        }

        ConditionEvent see(double value, Instant time) {
            if (!window.add(time, value)) {
                return null;
            }
            return switch (rule) {
                case TrendRule.Gain gain -> gain(gain);
                case TrendRule.Slope slope -> slope(slope);
            };
        }

        private ConditionEvent gain(TrendRule.Gain rule) {
            double risen = window.newestValue() - window.lowestValue();
            if (risen > rule.gain()) {
                return latch.holds(risen, window.newestTime());
            }
            return risen <= rule.gain() - rule.hysteresis() ? latch.over(risen, window.newestTime()) : null;
        }

        private ConditionEvent slope(TrendRule.Slope rule) {
            if (window.size() < rule.minReadings() || window.span().multipliedBy(2).compareTo(rule.window()) < 0) {
                return null;
            }
            double perHour = window.slopePerSecond() * 3600;
            double sign = Math.signum(rule.perHour());
            if (perHour * sign >= rule.perHour() * sign) {
                return latch.holds(perHour, window.newestTime());
            }
            return perHour * sign <= rule.clearPerHour() * sign ? latch.over(perHour, window.newestTime()) : null;
        }
    }
}
