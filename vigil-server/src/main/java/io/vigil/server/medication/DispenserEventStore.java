package io.vigil.server.medication;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** Dispenser events (V30 {@code dispenser_event}); a device's event id is stored once. */
@Repository
class DispenserEventStore {
    private static final RowMapper<DispenserEvent> ROW = DispenserEventStore::row;

    private final JdbcTemplate jdbc;

    DispenserEventStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the event; false when the device sent this event id before (a duplicate, left as it was). */
    boolean insert(DispenserEvent e) {
        try {
            jdbc.update("INSERT INTO dispenser_event (id, device_id, event_id, event_type, occurred_at, received_at,"
                            + " patient_id, schedule_id, due_at, slot, command_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    e.id(), e.deviceId(), e.eventId(), e.type().code(), Timestamp.from(e.time()),
                    Timestamp.from(e.receivedAt()), e.patientId(), e.scheduleId(),
                    e.dueAt() == null ? null : Timestamp.from(e.dueAt()), e.slot(), e.commandId(), e.detail());
            return true;
        } catch (DuplicateKeyException duplicate) {
            return false;
        }
    }

    Optional<DispenserEvent> find(String id) {
        return jdbc.query("SELECT * FROM dispenser_event WHERE id = ?", ROW, id).stream().findFirst();
    }

    /** The patient's events in [from, to), oldest first. */
    List<DispenserEvent> forPatient(String patientId, Instant from, Instant to) {
        return jdbc.query("SELECT * FROM dispenser_event WHERE patient_id = ? AND occurred_at >= ? AND occurred_at < ?"
                + " ORDER BY occurred_at, id", ROW, patientId, Timestamp.from(from), Timestamp.from(to));
    }

    /** The patient's dose events (taken, removed, missed), newest first, at most {@code limit}. */
    List<DispenserEvent> doses(String patientId, int limit) {
        return jdbc.query("SELECT * FROM dispenser_event WHERE patient_id = ? AND event_type IN"
                + " ('dose-taken', 'dose-removed', 'dose-missed') ORDER BY occurred_at DESC, id DESC LIMIT ?", ROW, patientId, limit);
    }

    private static DispenserEvent row(ResultSet rs, int n) throws SQLException {
        Timestamp due = rs.getTimestamp("due_at");
        return new DispenserEvent(rs.getString("id"), rs.getString("device_id"), rs.getString("event_id"),
                DispenserEventType.ofCode(rs.getString("event_type")).orElseThrow(), rs.getTimestamp("occurred_at").toInstant(),
                rs.getTimestamp("received_at").toInstant(), rs.getString("patient_id"), rs.getString("schedule_id"),
                due == null ? null : due.toInstant(), rs.getString("slot"), rs.getString("command_id"), rs.getString("detail"));
    }
}
