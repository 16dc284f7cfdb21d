package io.vigil.server.telehealth;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** Telehealth sessions (V31 {@code telehealth_session}). */
@Repository
class TelehealthStore {
    private static final RowMapper<TelehealthSession> ROW = (rs, n) -> {
        Timestamp ended = rs.getTimestamp("ended_at");
        return new TelehealthSession(rs.getString("id"), rs.getString("patient_id"), rs.getString("clinician"),
                rs.getTimestamp("started_at").toInstant(), ended == null ? null : ended.toInstant(), rs.getString("notes"));
    };

    private final JdbcTemplate jdbc;

    TelehealthStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void insert(TelehealthSession s) {
        jdbc.update("INSERT INTO telehealth_session (id, patient_id, clinician, started_at, notes) VALUES (?, ?, ?, ?, ?)",
                s.id(), s.patientId(), s.clinician(), Timestamp.from(s.start()), s.notes());
    }

    /** Stops an open session; false if it was stopped already. */
    boolean stop(String id, Instant end, String notes) {
        return jdbc.update("UPDATE telehealth_session SET ended_at = ?, notes = ? WHERE id = ? AND ended_at IS NULL",
                Timestamp.from(end), notes, id) == 1;
    }

    Optional<TelehealthSession> find(String id) {
        return jdbc.query("SELECT * FROM telehealth_session WHERE id = ?", ROW, id).stream().findFirst();
    }

    List<TelehealthSession> forPatient(String patientId) {
        return jdbc.query("SELECT * FROM telehealth_session WHERE patient_id = ? ORDER BY started_at DESC, id", ROW, patientId);
    }
}
