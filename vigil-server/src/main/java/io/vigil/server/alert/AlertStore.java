package io.vigil.server.alert;

import io.vigil.analytics.alert.Alert;
import io.vigil.analytics.alert.AlertPriority;
import io.vigil.analytics.alert.AlertState;
import io.vigil.server.access.PatientScope;
import io.vigil.server.observation.StoredTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * Alerts in the database. Every change names the version it was made from; a change made from a stale
 * version writes nothing, and the caller reads again and re-applies (optimistic locking).
 */
@Repository
class AlertStore {
    static final int LONGEST_LIST = 500;

    /** An alert with the version it was read at. */
    record Stored(Alert alert, int version) {}

    private static final RowMapper<Stored> ROW = (rs, n) -> new Stored(new Alert(rs.getString("id"),
            rs.getString("patient_id"), rs.getString("rule_id"), rs.getString("measurement"),
            AlertPriority.ofCode(rs.getString("priority")).orElseThrow(),
            AlertState.ofCode(rs.getString("state")).orElseThrow(), instant(rs, "raised_at"),
            rs.getDouble("first_value"), rs.getDouble("last_value"), instant(rs, "last_time"), rs.getInt("breaches"),
            rs.getString("acknowledged_by"), instant(rs, "acknowledged_at"), rs.getString("ack_reason"),
            rs.getString("resolved_by"), instant(rs, "resolved_at")), rs.getInt("version"));

    private final JdbcTemplate jdbc;

    AlertStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Alert a) {
        jdbc.update("INSERT INTO alert (id, patient_id, rule_id, measurement, priority, state, raised_at, first_value, "
                        + "last_value, last_time, breaches, acknowledged_by, acknowledged_at, ack_reason, resolved_by, "
                        + "resolved_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
                a.id(), a.patient(), a.rule(), a.measurement(), a.priority().code(), a.state().code(),
                timestamp(a.raisedAt()), a.firstValue(), a.lastValue(), timestamp(a.lastTime()), a.count(),
                a.acknowledgedBy(), timestamp(a.acknowledgedAt()), a.reason(), a.resolvedBy(),
                timestamp(a.resolvedAt()));
    }

    /** Writes the changed alert if nobody changed it since {@code version}; false if somebody did. */
    boolean update(Alert a, int version) {
        return jdbc.update("UPDATE alert SET state = ?, last_value = ?, last_time = ?, breaches = ?, acknowledged_by = ?, "
                        + "acknowledged_at = ?, ack_reason = ?, resolved_by = ?, resolved_at = ?, version = ? "
                        + "WHERE id = ? AND version = ?",
                a.state().code(), a.lastValue(), timestamp(a.lastTime()), a.count(), a.acknowledgedBy(),
                timestamp(a.acknowledgedAt()), a.reason(), a.resolvedBy(), timestamp(a.resolvedAt()), version + 1,
                a.id(), version) == 1;
    }

    Optional<Stored> find(String id) {
        return jdbc.query("SELECT * FROM alert WHERE id = ?", ROW, id).stream().findFirst();
    }

    /** The open (active or acknowledged) alert of a patient's rule; the newest if, by a race, there are two. */
    Optional<Stored> findOpen(String patient, String rule) {
        return jdbc.query("SELECT * FROM alert WHERE patient_id = ? AND rule_id = ? AND state <> 'resolved' "
                + "ORDER BY raised_at DESC", ROW, patient, rule).stream().findFirst();
    }

    /**
     * Alerts of the scope's patients matching the filters (null = any), newest raised first, at most
     * {@link #LONGEST_LIST}: the scope is applied in the query, so the limit counts only visible alerts.
     */
    List<Alert> search(PatientScope scope, String patient, AlertState state, AlertPriority priority) {
        PatientScope.Condition visible = scope.wherePatient("patient_id");
        StringBuilder sql = new StringBuilder("SELECT * FROM alert WHERE ").append(visible.sql());
        List<Object> args = new ArrayList<>(visible.args());
        if (patient != null) {
            sql.append(" AND patient_id = ?");
            args.add(patient);
        }
        if (state != null) {
            sql.append(" AND state = ?");
            args.add(state.code());
        }
        if (priority != null) {
            sql.append(" AND priority = ?");
            args.add(priority.code());
        }
        sql.append(" ORDER BY raised_at DESC, id FETCH FIRST ").append(LONGEST_LIST).append(" ROWS ONLY");
        return jdbc.query(sql.toString(), ROW, args.toArray()).stream().map(Stored::alert).toList();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(StoredTime.of(instant));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
