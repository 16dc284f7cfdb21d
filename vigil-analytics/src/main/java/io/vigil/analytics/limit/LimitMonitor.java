package io.vigil.analytics.limit;

import io.vigil.model.MeasuredValue;
import io.vigil.model.Measurement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One patient's limit rules watched over a stream of readings in time order. A reading older than the last
 * one seen for a rule is ignored by that rule: a late or back-filled reading does not drive a live alarm.
 * Not thread-safe: one monitor per patient, fed by one thread.
 */
public final class LimitMonitor {
    private final String patient;
    private final List<Watch> watches;

    public LimitMonitor(String patient, LimitRules rules) {
        this.patient = patient;
        this.watches = rules.rules().stream().map(Watch::new).toList();
    }

    private LimitMonitor(String patient, List<Watch> watches) {
        this.patient = patient;
        this.watches = watches;
    }

    /**
     * This patient's monitor with changed rules (an override set or removed, another SpO2 scale), taking effect
     * from the next reading. A rule whose id stays keeps its state — a raised condition stays raised, so the next
     * reading inside the new limit clears it — and a breach pending its duration keeps its start.
     */
    public LimitMonitor withRules(LimitRules rules) {
        List<Watch> next = new ArrayList<>();
        for (LimitRule rule : rules.rules()) {
            Watch watch = new Watch(rule);
            watches.stream().filter(w -> w.rule.id().equals(rule.id())).findFirst().ifPresent(old -> {
                watch.lastSeen = old.lastSeen;
                watch.breachSince = old.breachSince;
                watch.raised = old.raised;
            });
            next.add(watch);
        }
        return new LimitMonitor(patient, List.copyOf(next));
    }

    /** The rules this monitor applies. */
    public LimitRules rules() {
        return new LimitRules(watches.stream().map(w -> w.rule).toList());
    }

    /** The events a stored measurement causes: quantities by their alias, panels by each component's alias. */
    public List<LimitEvent> accept(Measurement measurement) {
        return switch (measurement.value()) {
            case MeasuredValue.Quantity q -> accept(measurement.type().alias(), q.value(), measurement.time());
            case MeasuredValue.Panel panel -> {
                List<LimitEvent> events = new ArrayList<>();
                for (MeasuredValue.Component c : panel.components()) {
                    events.addAll(accept(c.type().alias(), c.quantity().value(), measurement.time()));
                }
                yield events;
            }
            case MeasuredValue.Coded coded -> List.of();
        };
    }

    /** The events one reading of {@code measurement} causes. */
    public List<LimitEvent> accept(String measurement, double value, Instant time) {
        List<LimitEvent> events = new ArrayList<>();
        for (Watch watch : watches) {
            if (watch.rule.measurement().equals(measurement)) {
                LimitEvent event = watch.see(patient, value, time);
                if (event != null) {
                    events.add(event);
                }
            }
        }
        return events;
    }

    /** The state of one rule: not breached, breached since (pending its duration), or raised. */
    private static final class Watch {
        private final LimitRule rule;
        private Instant lastSeen;
        private Instant breachSince;
        private boolean raised;

        Watch(LimitRule rule) {
            this.rule = rule;
        }

        LimitEvent see(String patient, double value, Instant time) {
            if (lastSeen != null && time.isBefore(lastSeen)) {
                return null;
            }
            lastSeen = time;
            if (raised) {
                if (rule.breachedBy(value)) {
                    return new LimitEvent.Continuing(rule, patient, value, time);
                }
                if (rule.clearedBy(value)) {
                    raised = false;
                    breachSince = null;
                    return new LimitEvent.Cleared(rule, patient, value, time);
                }
                return null;
            }
            if (!rule.breachedBy(value)) {
                breachSince = null;
                return null;
            }
            if (breachSince == null) {
                breachSince = time;
            }
            if (Duration.between(breachSince, time).compareTo(rule.duration()) >= 0) {
                raised = true;
                return new LimitEvent.Raised(rule, patient, value, time);
            }
            return null;
        }
    }
}
