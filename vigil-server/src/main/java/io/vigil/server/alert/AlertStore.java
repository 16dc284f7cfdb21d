package io.vigil.server.alert;

import io.vigil.analytics.alert.Alert;
import io.vigil.analytics.alert.AlertCategory;
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
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * Alerts in the database. Every change names the version it was made from; a change made from a stale
 * version writes nothing, and the caller reads again and re-applies (optimistic locking). The table keeps at
 * most one open alert per patient and rule (its unique {@code open_key}): a second insert for the same open
 * condition is refused, and the caller updates the open one instead.
 */
@Repository
class AlertStore {
    static final int LONGEST_LIST = 500;

    /**
     * An alert with the version it was read at.
     *
     * @param openedAt server time the alert was opened (escalation counts from it)
     * @param unit     the patient's care unit (null if none)
     */
    record Stored(Alert alert, int version, Instant openedAt, String unit) {}

    /**
     * What to list; null fields match anything. {@code assignee}: the user holding the alert, or
     * {@link #UNASSIGNED} for alerts nobody holds.
     */
    record Filter(String patient, AlertState state, AlertPriority priority, AlertCategory category, String unit,
                  String rule, Instant since, String assignee) {
        static final String UNASSIGNED = "";
    }

    private static final String SELECT = "SELECT a.*, p.care_unit FROM alert a JOIN patient p ON p.id = a.patient_id ";

    private static final RowMapper<Stored> ROW = (rs, n) -> new Stored(new Alert(rs.getString("id"),
            rs.getString("patient_id"), rs.getString("rule_id"), rs.getString("measurement"),
            AlertPriority.ofCode(rs.getString("priority")).orElseThrow(),
            AlertCategory.ofCode(rs.getString("category")).orElseThrow(),
            AlertState.ofCode(rs.getString("state")).orElseThrow(), instant(rs, "raised_at"),
            rs.getDouble("first_value"), rs.getDouble("last_value"), instant(rs, "last_time"), rs.getInt("breaches"),
            rs.getString("acknowledged_by"), instant(rs, "acknowledged_at"), rs.getString("ack_reason"),
            rs.getString("resolved_by"), instant(rs, "resolved_at"), instant(rs, "snoozed_until"),
            rs.getInt("escalation_tier")), rs.getInt("version"), instant(rs, "opened_at"), rs.getString("care_unit"));

    private final JdbcTemplate jdbc;

    AlertStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Opens the alert; false (nothing written) if its patient already has an open alert for its rule, or if an alert
     * was raised for the same condition at the same time before (a reading analysed again, see V28).
     */
    boolean insert(Alert a, Instant openedAt) {
        try {
            jdbc.update("INSERT INTO alert (id, patient_id, rule_id, measurement, priority, category, state, raised_at, "
                            + "first_value, last_value, last_time, breaches, acknowledged_by, acknowledged_at, ack_reason, "
                            + "resolved_by, resolved_at, snoozed_until, escalation_tier, opened_at, open_key, raise_key, version) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
                    a.id(), a.patient(), a.rule(), a.measurement(), a.priority().code(), a.category().code(),
                    a.state().code(), timestamp(a.raisedAt()), a.firstValue(), a.lastValue(), timestamp(a.lastTime()),
                    a.count(), a.acknowledgedBy(), timestamp(a.acknowledgedAt()), a.reason(), a.resolvedBy(),
                    timestamp(a.resolvedAt()), timestamp(a.snoozedUntil()), a.tier(), timestamp(openedAt), openKey(a),
                    raiseKey(a.patient(), a.rule(), a.raisedAt()));
            return true;
        } catch (DuplicateKeyException alreadyOpen) {
            return false;
        }
    }

    /** Writes the changed alert if nobody changed it since {@code version}; false if somebody did. */
    boolean update(Alert a, int version) {
        return jdbc.update("UPDATE alert SET state = ?, last_value = ?, last_time = ?, breaches = ?, acknowledged_by = ?, "
                        + "acknowledged_at = ?, ack_reason = ?, resolved_by = ?, resolved_at = ?, snoozed_until = ?, "
                        + "escalation_tier = ?, open_key = ?, version = ? WHERE id = ? AND version = ?",
                a.state().code(), a.lastValue(), timestamp(a.lastTime()), a.count(), a.acknowledgedBy(),
                timestamp(a.acknowledgedAt()), a.reason(), a.resolvedBy(), timestamp(a.resolvedAt()),
                timestamp(a.snoozedUntil()), a.tier(), openKey(a), version + 1, a.id(), version) == 1;
    }

    Optional<Stored> find(String id) {
        return jdbc.query(SELECT + "WHERE a.id = ?", ROW, id).stream().findFirst();
    }

    /** The open (active or acknowledged) alert of a patient's rule. */
    Optional<Stored> findOpen(String patient, String rule) {
        return jdbc.query(SELECT + "WHERE a.open_key = ?", ROW, patient + "/" + rule).stream().findFirst();
    }

    /** Whether an alert was raised for this patient's rule by a condition at this time (open or not). */
    boolean raisedBefore(String patient, String rule, Instant at) {
        return !jdbc.queryForList("SELECT id FROM alert WHERE raise_key = ?", String.class,
                raiseKey(patient, rule, at)).isEmpty();
    }

    /** Who raised what when: the same condition raised again by the same reading has the same key. */
    private static String raiseKey(String patient, String rule, Instant at) {
        Instant stored = StoredTime.of(at);
        return patient + "/" + rule + "/" + (stored.getEpochSecond() * 1_000_000 + stored.getNano() / 1_000);
    }

    /** The patient's care unit, null if none. */
    String unitOf(String patient) {
        return jdbc.queryForList("SELECT care_unit FROM patient WHERE id = ?", String.class, patient).stream()
                .filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    /** Alerts nobody has acknowledged yet (the escalation scheduler's work list). */
    List<Stored> active() {
        return jdbc.query(SELECT + "WHERE a.state = 'active' ORDER BY a.opened_at", ROW);
    }

    /** Open alerts whose snooze has ended by {@code now}. */
    List<Stored> snoozeOver(Instant now) {
        return jdbc.query(SELECT + "WHERE a.open_key IS NOT NULL AND a.snoozed_until <= ?", ROW, timestamp(now));
    }

    /**
     * Alerts of the scope's patients matching the filter, newest raised first, at most {@link #LONGEST_LIST}: the
     * scope is applied in the query, so the limit counts only visible alerts.
     */
    List<Stored> search(PatientScope scope, Filter f) {
        PatientScope.Condition visible = scope.where("p.care_unit", "a.patient_id");
        StringBuilder sql = new StringBuilder(SELECT).append("WHERE ").append(visible.sql());
        List<Object> args = new ArrayList<>(visible.args());
        condition(sql, args, "a.patient_id", f.patient());
        condition(sql, args, "a.state", f.state() == null ? null : f.state().code());
        condition(sql, args, "a.priority", f.priority() == null ? null : f.priority().code());
        condition(sql, args, "a.category", f.category() == null ? null : f.category().code());
        condition(sql, args, "p.care_unit", f.unit());
        condition(sql, args, "a.rule_id", f.rule());
        if (f.since() != null) {
            sql.append(" AND a.raised_at >= ?");
            args.add(timestamp(f.since()));
        }
        if (Filter.UNASSIGNED.equals(f.assignee())) {
            sql.append(" AND NOT EXISTS (SELECT 1 FROM alert_assignment h WHERE h.alert_id = a.id)");
        } else if (f.assignee() != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM alert_assignment h WHERE h.alert_id = a.id AND h.assignee = ?)");
            args.add(f.assignee());
        }
        sql.append(" ORDER BY a.raised_at DESC, a.id FETCH FIRST ").append(LONGEST_LIST).append(" ROWS ONLY");
        return jdbc.query(sql.toString(), ROW, args.toArray());
    }

    private static void condition(StringBuilder sql, List<Object> args, String column, Object value) {
        if (value != null) {
            sql.append(" AND ").append(column).append(" = ?");
            args.add(value);
        }
    }

    private static String openKey(Alert a) {
        return a.state().open() ? a.patient() + "/" + a.rule() : null;
    }

    static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(StoredTime.of(instant));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
