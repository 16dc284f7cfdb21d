package io.vigil.analytics.nodata;

import io.vigil.analytics.alert.AlertCategory;
import io.vigil.analytics.alert.AlertPriority;
import io.vigil.analytics.alert.AlertRule;
import io.vigil.analytics.alert.ConditionEvent;
import io.vigil.analytics.watch.ConditionLatch;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Watches that assigned devices keep sending: {@link #check} (run by a scheduler with the clock's time) raises
 * {@code no-data-<device>} (technical, medium) for a device silent longer than its type's interval, counted from
 * its last reading or, before any, from when it was assigned or watching began; {@link #seen} clears it when a
 * reading arrives, and a check clears it once the device is no longer assigned to that patient. Raised once per
 * silence: the value is the minutes without data at that check. Thread-safe.
 */
public final class NoDataMonitor {
    private final ExpectedReadings expected;
    private final Map<String, Watch> watches = new HashMap<>();

    public NoDataMonitor(ExpectedReadings expected) {
        this.expected = expected;
    }

    /** A device assigned to a patient from {@code since} (or since watching began, if later). */
    public record Assigned(String deviceId, String deviceType, String patient, Instant since) {
        public Assigned {
            Objects.requireNonNull(deviceId, "deviceId");
            Objects.requireNonNull(patient, "patient");
            Objects.requireNonNull(since, "since");
        }
    }

    /** A reading from the device was received: clears its no-data condition if raised. */
    public synchronized List<ConditionEvent> seen(String deviceId, Instant received) {
        Watch watch = watches.get(deviceId);
        if (watch == null) {
            watch = new Watch(null, received);
            watches.put(deviceId, watch);
            return List.of();
        }
        if (watch.lastSeen == null || received.isAfter(watch.lastSeen)) {
            watch.lastSeen = received;
        }
        ConditionEvent cleared = watch.latch == null ? null
                : watch.latch.over(0, received);
        return cleared == null ? List.of() : List.of(cleared);
    }

    /** The events at {@code now}, given the devices assigned now. */
    public synchronized List<ConditionEvent> check(Instant now, List<Assigned> assigned) {
        List<ConditionEvent> events = new ArrayList<>();
        Set<String> current = new HashSet<>();
        for (Assigned a : assigned) {
            Duration interval = expected.interval(a.deviceType()).orElse(null);
            if (interval == null) {
                continue;
            }
            current.add(a.deviceId());
            Watch watch = watches.computeIfAbsent(a.deviceId(), d -> new Watch(null, null));
            if (watch.latch == null || !watch.latch.rule().id().equals(ruleId(a.deviceId()))
                    || !a.patient().equals(watch.patient)) {
                clear(watch, now, events);
                watch.patient = a.patient();
                watch.latch = new ConditionLatch(new AlertRule(ruleId(a.deviceId()), a.deviceType(), AlertPriority.MEDIUM,
                        AlertCategory.TECHNICAL), a.patient());
                watch.watchedFrom = a.since().isAfter(now) ? a.since() : now;
            }
            Instant from = watch.lastSeen != null && watch.lastSeen.isAfter(watch.watchedFrom)
                    ? watch.lastSeen : watch.watchedFrom;
            Duration silent = Duration.between(from, now);
            if (silent.compareTo(interval) > 0 && !watch.latch.raised()) {
                events.add(watch.latch.holds(minutes(silent), now));
            }
        }
        for (Map.Entry<String, Watch> entry : watches.entrySet()) {
            if (!current.contains(entry.getKey())) {
                clear(entry.getValue(), now, events);
            }
        }
        return events;
    }

    /** The rule id of a device's no-data condition. */
    public static String ruleId(String deviceId) {
        return "no-data-" + deviceId;
    }

    private static void clear(Watch watch, Instant now, List<ConditionEvent> events) {
        if (watch.latch != null) {
            ConditionEvent cleared = watch.latch.over(0, now);
            if (cleared != null) {
                events.add(cleared);
            }
        }
    }

    private static double minutes(Duration d) {
        return d.toSeconds() / 60.0;
    }

    private static final class Watch {
        private String patient;
        private ConditionLatch latch;
        private Instant lastSeen;
        private Instant watchedFrom;

        Watch(ConditionLatch latch, Instant lastSeen) {
            this.latch = latch;
            this.lastSeen = lastSeen;
        }
    }
}
