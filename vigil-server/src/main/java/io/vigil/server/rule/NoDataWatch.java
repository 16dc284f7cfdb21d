package io.vigil.server.rule;

import io.vigil.analytics.alert.ConditionEvent;
import io.vigil.analytics.nodata.NoDataMonitor;
import io.vigil.model.ObservationRecord;
import io.vigil.server.alert.AlertConditions;
import io.vigil.server.device.DeviceStore;
import io.vigil.server.observation.ObservationEvents;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The no-data alarm: every {@code vigil.rules.no-data-check-every} it asks {@link NoDataMonitor}, at the clock's
 * time, which assigned devices of a watched type ({@code vigil.rules.no-data}) have been silent too long, and
 * reports {@code no-data-<device>} for the patient they are assigned to; every stored reading (attributed or not)
 * tells the monitor the device is alive, which clears the condition. The monitor lives in memory: after a restart
 * silence counts from the first check.
 */
@Component
class NoDataWatch extends ReadingSubscriber {
    private static final Logger log = LoggerFactory.getLogger(NoDataWatch.class);

    private final AlertConditions conditions;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final NoDataMonitor monitor;
    private final ObservationEvents events;

    NoDataWatch(ObservationEvents events, AlertConditions conditions, JdbcTemplate jdbc, Clock clock,
                RuleProperties properties) {
        super(events);
        this.events = events;
        this.conditions = conditions;
        this.jdbc = jdbc;
        this.clock = clock;
        this.monitor = new NoDataMonitor(properties.expectedReadings());
        repeat("vigil-no-data", properties.noDataCheckEvery(), this::checkSafely);
    }

    /**
     * Reports under the monitor's lock, as {@link #check} does: a reading that clears a condition the same check
     * raised is reported after the raise, never before it (which would leave the alert open).
     */
    @Override
    void onStored(List<ObservationRecord> stored) {
        synchronized (monitor) {
            for (ObservationRecord observation : stored) {
                monitor.seen(observation.deviceId(), observation.receivedAt()).forEach(this::reportIfHandledHere);
            }
        }
    }

    /**
     * Every node hears every reading and checks every device (a device is alive whichever node stored its reading),
     * so each node's monitor knows every latch; only the node handling a patient reports their conditions (with the
     * in-process bus: this one, for all), and after a handover the new node carries on from the same latches.
     */
    @Override
    protected AutoCloseable listen() {
        return events.subscribeEveryNode(this::onStored);
    }

    /** One check at the clock's time. */
    void check() {
        Instant now = clock.instant();
        Timestamp at = Timestamp.from(now);
        List<NoDataMonitor.Assigned> assigned = jdbc.query("""
                SELECT a.device_id, d.device_type, a.patient_id, a.starts_at FROM device_assignment a
                JOIN device d ON d.id = a.device_id
                WHERE a.starts_at <= ? AND (a.ends_at IS NULL OR a.ends_at > ?) AND d.status = ?""",
                (rs, n) -> new NoDataMonitor.Assigned(rs.getString("device_id"), rs.getString("device_type"),
                        rs.getString("patient_id"), rs.getTimestamp("starts_at").toInstant()),
                at, at, DeviceStore.ACTIVE);
        synchronized (monitor) {
            List<ConditionEvent> changed = monitor.check(now, assigned);
            changed.forEach(this::reportIfHandledHere);
        }
    }

    private void reportIfHandledHere(ConditionEvent event) {
        if (events.handledHere(event.patient())) {
            conditions.report(event);
        }
    }

    private void checkSafely() {
        try {
            check();
        } catch (RuntimeException e) {
            log.warn("event=no_data.check_failed error={}", e.getClass().getSimpleName(), e);
        }
    }
}
