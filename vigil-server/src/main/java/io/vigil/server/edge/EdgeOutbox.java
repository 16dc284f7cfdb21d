package io.vigil.server.edge;

import io.vigil.server.ingest.SameTransaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The edge's store-and-forward queue: a table written in the same transaction as the readings (so whatever a device
 * was acknowledged is queued, through kill -9 and power loss), emptied as the upstream acknowledges. Two lanes:
 * readings an alert was raised on go first; then recent readings; then back-fill — each in time order, so one
 * patient's readings reach the upstream in the order they were measured within each class. Bounded: beyond
 * {@code vigil.edge.max-queued} the oldest back-fill is dropped (never the alert lane), counted per patient.
 */
@Component
@ConditionalOnProperty(name = "vigil.edge.enabled", havingValue = "true")
class EdgeOutbox implements SameTransaction {
    static final int ALERT_LANE = 0;
    static final int READING_LANE = 1;

    /** A queued reading: the edge's observation id, the patient, its time, and the JSON to forward. */
    record Queued(long observationId, String patient, Instant effectiveAt, String reading) {}

    /** Readings dropped for one patient (null: unattributed) to keep the outbox within its bound. */
    record Dropped(String patient, Instant from, Instant to, long readings) {}

    private static final String COLUMNS = "SELECT observation_id, patient_id, effective_at, reading FROM edge_outbox ";
    private static final RowMapper<Queued> ROW = (rs, n) -> new Queued(rs.getLong(1), rs.getString(2),
            rs.getTimestamp(3).toInstant(), rs.getString(4));

    private final JdbcTemplate jdbc;
    private final JsonMapper json = JsonMapper.shared();

    EdgeOutbox(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void write(Connection connection, List<Fresh> fresh) throws SQLException {
        try (PreparedStatement row = connection.prepareStatement("INSERT INTO edge_outbox (observation_id, lane, "
                + "patient_id, type_code, effective_at, reading) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (Fresh reading : fresh) {
                row.setLong(1, Long.parseLong(reading.record().id()));
                row.setInt(2, READING_LANE);
                row.setString(3, reading.record().patientId());
                row.setString(4, reading.record().measurement().type().alias());
                row.setTimestamp(5, Timestamp.from(reading.record().measurement().time()));
                row.setString(6, json.writeValueAsString(ForwardedReading.of(reading)));
                row.addBatch();
            }
            row.executeBatch();
        }
    }

    /** The next readings to forward: the alert lane, then readings since {@code recentSince}, then back-fill. */
    List<Queued> next(int max, Instant recentSince) {
        List<Queued> next = new ArrayList<>(jdbc.query(COLUMNS + "WHERE lane = ? ORDER BY effective_at, observation_id "
                + "LIMIT ?", ROW, ALERT_LANE, max));
        if (next.size() < max) {
            next.addAll(jdbc.query(COLUMNS + "WHERE lane = ? AND effective_at >= ? ORDER BY effective_at, observation_id "
                    + "LIMIT ?", ROW, READING_LANE, Timestamp.from(recentSince), max - next.size()));
        }
        if (next.size() < max) {
            next.addAll(jdbc.query(COLUMNS + "WHERE lane = ? AND effective_at < ? ORDER BY effective_at, observation_id "
                    + "LIMIT ?", ROW, READING_LANE, Timestamp.from(recentSince), max - next.size()));
        }
        return next;
    }

    /** Forgets readings the upstream has acknowledged. */
    void remove(List<Queued> forwarded) {
        jdbc.batchUpdate("DELETE FROM edge_outbox WHERE observation_id = ?",
                forwarded.stream().map(q -> new Object[] {q.observationId()}).toList());
    }

    /** Moves the reading an alert was raised on (patient, type, time) to the alert lane; how many moved. */
    int toAlertLane(String patient, String type, Instant time) {
        return jdbc.update("UPDATE edge_outbox SET lane = ? WHERE patient_id = ? AND type_code = ? AND effective_at = ?",
                ALERT_LANE, patient, type, Timestamp.from(time));
    }

    long size() {
        Long size = jdbc.queryForObject("SELECT COUNT(*) FROM edge_outbox", Long.class);
        return size == null ? 0 : size;
    }

    /** Drops the oldest back-fill beyond {@code max} queued readings; what was dropped, per patient. */
    List<Dropped> trim(long max) {
        long excess = size() - max;
        if (excess <= 0) {
            return List.of();
        }
        List<Queued> oldest = jdbc.query(COLUMNS + "WHERE lane = ? ORDER BY effective_at, observation_id LIMIT ?", ROW,
                READING_LANE, excess);
        remove(oldest);
        Map<String, Dropped> byPatient = new LinkedHashMap<>();
        for (Queued q : oldest) {
            byPatient.merge(String.valueOf(q.patient()), new Dropped(q.patient(), q.effectiveAt(), q.effectiveAt(), 1),
                    (a, b) -> new Dropped(a.patient(), min(a.from(), b.from()), max(a.to(), b.to()), a.readings() + 1));
        }
        return List.copyOf(byPatient.values());
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
