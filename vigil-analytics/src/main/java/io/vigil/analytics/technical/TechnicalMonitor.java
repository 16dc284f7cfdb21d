package io.vigil.analytics.technical;

import io.vigil.analytics.alert.AlertCategory;
import io.vigil.analytics.alert.AlertPriority;
import io.vigil.analytics.alert.AlertRule;
import io.vigil.analytics.alert.ConditionEvent;
import io.vigil.analytics.watch.ConditionLatch;
import io.vigil.model.MeasuredValue;
import io.vigil.model.ObservationRecord;
import io.vigil.model.PlausibleRange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One patient's technical conditions, raised and cleared by each reading like limits:
 * <ul>
 *   <li>{@code <measurement>-sensor-off} (medium): the device said its sensor is off the patient (Heart Rate
 *   "sensor contact not detected", PLX "sensor unconnected to user" / "displaced" / "disconnected"); cleared
 *   by the next reading of that measurement without such a flag;</li>
 *   <li>{@code <measurement>-signal-quality} (low): the device flagged a poor signal (PLX inadequate / poor /
 *   erratic signal, low perfusion, questionable or invalid measurement), or reported a pulse amplitude index or
 *   a CGM quality below the configured minimum;</li>
 *   <li>{@code <measurement>-implausible} (low): a value outside {@link TechnicalRules#implausible()};</li>
 *   <li>{@code clock-off-<device>} (low): the device's clock is off by more than the bound. The stored offset is
 *   receive time − device time stamp = transmission delay − how far the device clock is ahead, and the delay is
 *   never negative: an offset below −bound is certainly a clock ahead and raises at once; an offset above +bound
 *   may be a clock behind or just a late delivery, so it raises only when {@link TechnicalRules#clockLagReadings()}
 *   consecutive readings of the device are all that late. Cleared by the next reading from that device within
 *   the bound.</li>
 * </ul>
 * A reading older than the last one a rule has seen does not move that rule (a late reading does not drive a
 * live alarm). Not thread-safe: one per patient, fed by one thread. Not for clinical use.
 */
public final class TechnicalMonitor {
    private final String patient;
    private final TechnicalRules rules;
    private final Map<String, Latch> latches = new HashMap<>();
    private final Map<String, LateRun> lateInARow = new HashMap<>();

    public TechnicalMonitor(String patient, TechnicalRules rules) {
        this.patient = patient;
        this.rules = rules;
    }

    public List<ConditionEvent> accept(ObservationRecord observation) {
        List<ConditionEvent> events = new ArrayList<>(0);
        Instant time = observation.measurement().time();
        String alias = observation.measurement().type().alias();
        if (!observation.notes().isEmpty() || latches.containsKey(alias + "-sensor-off")
                || latches.containsKey(alias + "-signal-quality")) {
            DeviceStatus status = DeviceStatus.of(observation.notes(), rules);
            see(events, alias + "-sensor-off", alias, AlertPriority.MEDIUM, status.sensorOff(), 1, time);
            see(events, alias + "-signal-quality", alias, AlertPriority.LOW, status.poorSignal(), 1, time);
        }
        switch (observation.measurement().value()) {
            case MeasuredValue.Quantity q -> implausible(events, alias, q.value(), time);
            case MeasuredValue.Panel panel -> panel.components()
                    .forEach(c -> implausible(events, c.type().alias(), c.quantity().value(), time));
            case MeasuredValue.Coded coded -> { }
        }
        Duration offset = observation.clockOffset();
        if (offset != null) {
            boolean off = clockOff(observation.deviceId(), offset, time);
            see(events, "clock-off-" + observation.deviceId(), "clock", AlertPriority.LOW, off,
                    offset.toMillis() / 1000.0, observation.receivedAt());
        }
        return events;
    }

    /** Whether the device's clock is off; readings with one device time (a PLX SpO2 and its pulse) count once. */
    private boolean clockOff(String device, Duration offset, Instant deviceTime) {
        if (offset.negated().compareTo(rules.maxClockOffset()) > 0) {
            lateInARow.remove(device);
            return true;
        }
        if (offset.compareTo(rules.maxClockOffset()) <= 0) {
            lateInARow.remove(device);
            return false;
        }
        LateRun run = lateInARow.get(device);
        if (run == null) {
            lateInARow.put(device, new LateRun(deviceTime, 1));
            return rules.clockLagReadings() <= 1;
        }
        if (!run.lastTime.equals(deviceTime)) {
            run = new LateRun(deviceTime, run.count + 1);
            lateInARow.put(device, run);
        }
        return run.count >= rules.clockLagReadings();
    }

    /** Consecutive late stamped readings of a device, and the device time of the last one counted. */
    private record LateRun(Instant lastTime, int count) {}

    private void implausible(List<ConditionEvent> events, String alias, double value, Instant time) {
        PlausibleRange range = rules.implausible().get(alias);
        if (range != null) {
            see(events, alias + "-implausible", alias, AlertPriority.LOW, !range.contains(value), value, time);
        }
    }

    private void see(List<ConditionEvent> events, String id, String measurement, AlertPriority priority,
                     boolean holds, double value, Instant time) {
        Latch latch = latches.get(id);
        if (latch == null) {
            if (!holds) {
                return;
            }
            latch = new Latch(new ConditionLatch(new AlertRule(id, measurement, priority, AlertCategory.TECHNICAL), patient));
            latches.put(id, latch);
        }
        if (latch.lastSeen != null && time.isBefore(latch.lastSeen)) {
            return;
        }
        latch.lastSeen = time;
        ConditionEvent event = holds ? latch.condition.holds(value, time) : latch.condition.over(value, time);
        if (event != null) {
            events.add(event);
        }
    }

    private static final class Latch {
        private final ConditionLatch condition;
        private Instant lastSeen;

        Latch(ConditionLatch condition) {
            this.condition = condition;
        }
    }
}
