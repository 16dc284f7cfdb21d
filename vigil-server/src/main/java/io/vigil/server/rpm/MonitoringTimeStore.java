package io.vigil.server.rpm;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * Monitoring time per patient and clinician; summed per month for the RPM report. Public for the telehealth sessions,
 * whose durations count too (source {@code telehealth}).
 */
@Repository
public class MonitoringTimeStore {
    private static final RowMapper<MonitoringTime> ROW = (rs, n) -> new MonitoringTime(rs.getString("id"),
            rs.getString("patient_id"), rs.getString("clinician"), rs.getTimestamp("started_at").toInstant(),
            rs.getInt("seconds"), rs.getString("source"), rs.getString("note"));

    private final JdbcTemplate jdbc;

    MonitoringTimeStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public MonitoringTime add(String patientId, String clinician, Instant start, int seconds, String source, String note) {
        MonitoringTime entry = new MonitoringTime(UUID.randomUUID().toString(), patientId, clinician, start, seconds,
                source, note);
        jdbc.update("INSERT INTO monitoring_time (id, patient_id, clinician, started_at, seconds, source, note) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)", entry.id(), patientId, clinician, Timestamp.from(start),
                seconds, source, note);
        return entry;
    }

    /** The patient's entries that started in [from, to), oldest first. */
    List<MonitoringTime> entries(String patientId, Instant from, Instant to) {
        return jdbc.query("SELECT * FROM monitoring_time WHERE patient_id = ? AND started_at >= ? AND started_at < ? "
                + "ORDER BY started_at, id", ROW, patientId, Timestamp.from(from), Timestamp.from(to));
    }

    /** Seconds per patient in [from, to), for these patients (absent: none). */
    Map<String, Long> secondsByPatient(Collection<String> patientIds, Instant from, Instant to) {
        Map<String, Long> seconds = new HashMap<>();
        if (patientIds.isEmpty()) {
            return seconds;
        }
        List<Object> args = new java.util.ArrayList<>(patientIds);
        args.add(Timestamp.from(from));
        args.add(Timestamp.from(to));
        jdbc.query("SELECT patient_id, SUM(seconds) FROM monitoring_time WHERE patient_id IN ("
                        + String.join(", ", Collections.nCopies(patientIds.size(), "?"))
                        + ") AND started_at >= ? AND started_at < ? GROUP BY patient_id",
                rs -> {
                    seconds.put(rs.getString(1), rs.getLong(2));
                }, args.toArray());
        return seconds;
    }
}
