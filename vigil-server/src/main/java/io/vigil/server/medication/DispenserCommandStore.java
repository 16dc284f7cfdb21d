package io.vigil.server.medication;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** Commands to dispensers (V30 {@code dispenser_command}). */
@Repository
class DispenserCommandStore {
    private static final RowMapper<DispenserCommand> ROW = DispenserCommandStore::row;

    private final JdbcTemplate jdbc;

    DispenserCommandStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void insert(DispenserCommand c) {
        jdbc.update("INSERT INTO dispenser_command (id, device_id, schedule_id, command_type, payload, status, attempts,"
                        + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", c.id(), c.deviceId(), c.scheduleId(), c.type(),
                c.payload(), c.status(), c.attempts(), Timestamp.from(c.createdAt()));
    }

    Optional<DispenserCommand> find(String id) {
        return jdbc.query("SELECT * FROM dispenser_command WHERE id = ?", ROW, id).stream().findFirst();
    }

    List<DispenserCommand> forDevice(String deviceId, int limit) {
        return jdbc.query("SELECT * FROM dispenser_command WHERE device_id = ? ORDER BY created_at DESC, id LIMIT ?", ROW,
                deviceId, limit);
    }

    List<DispenserCommand> pending() {
        return jdbc.query("SELECT * FROM dispenser_command WHERE status = 'pending' ORDER BY created_at, id", ROW);
    }

    void sent(String id, Instant at) {
        jdbc.update("UPDATE dispenser_command SET attempts = attempts + 1, last_sent_at = ? WHERE id = ?", Timestamp.from(at), id);
    }

    /** Settles a pending command; false if it was not pending (already settled, or not this device's). */
    boolean settle(String id, String deviceId, String status, Instant at, String result) {
        return jdbc.update("UPDATE dispenser_command SET status = ?, acknowledged_at = ?, result = ? WHERE id = ?"
                + " AND device_id = ? AND status = 'pending'", status, Timestamp.from(at), result, id, deviceId) == 1;
    }

    private static DispenserCommand row(ResultSet rs, int n) throws SQLException {
        Timestamp sent = rs.getTimestamp("last_sent_at");
        Timestamp acked = rs.getTimestamp("acknowledged_at");
        return new DispenserCommand(rs.getString("id"), rs.getString("device_id"), rs.getString("schedule_id"),
                rs.getString("command_type"), rs.getString("payload"), rs.getString("status"), rs.getInt("attempts"),
                rs.getTimestamp("created_at").toInstant(), sent == null ? null : sent.toInstant(),
                acked == null ? null : acked.toInstant(), rs.getString("result"));
    }
}
