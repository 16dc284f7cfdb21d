package io.vigil.server.access;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Patients shared with caregivers: a caregiver sees exactly these, read-only. */
@Repository
public class PatientShares {
    /** One share: which patient, with whom, by whom, since when. */
    public record Share(String patientId, String username, String sharedBy, Instant sharedAt) {}

    private final JdbcTemplate jdbc;
    private final Clock clock;

    PatientShares(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Shares the patient with the user; sharing again keeps the first share. */
    public void share(String patientId, String username, String sharedBy) {
        jdbc.update("INSERT INTO patient_share (patient_id, username, shared_by, shared_at) SELECT ?, ?, ?, ? "
                        + "WHERE NOT EXISTS (SELECT 1 FROM patient_share WHERE patient_id = ? AND username = ?)",
                patientId, username, sharedBy, Timestamp.from(clock.instant()), patientId, username);
    }

    public boolean unshare(String patientId, String username) {
        return jdbc.update("DELETE FROM patient_share WHERE patient_id = ? AND username = ?", patientId, username) > 0;
    }

    public Set<String> sharedWith(String username) {
        return new TreeSet<>(jdbc.queryForList("SELECT patient_id FROM patient_share WHERE username = ?", String.class, username));
    }

    public List<Share> ofPatient(String patientId) {
        return jdbc.query("SELECT * FROM patient_share WHERE patient_id = ? ORDER BY username",
                (rs, n) -> new Share(rs.getString("patient_id"), rs.getString("username"), rs.getString("shared_by"),
                        rs.getTimestamp("shared_at").toInstant()), patientId);
    }
}
