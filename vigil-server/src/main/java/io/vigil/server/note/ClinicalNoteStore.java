package io.vigil.server.note;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** Clinical notes: appended, never changed; read newest first. */
@Repository
public class ClinicalNoteStore {
    static final int LONGEST_LIST = 200;

    private static final RowMapper<ClinicalNote> ROW = (rs, n) -> new ClinicalNote(rs.getString("id"),
            rs.getString("patient_id"), rs.getString("author"), rs.getTimestamp("written_at").toInstant(),
            rs.getString("body"));

    private final JdbcTemplate jdbc;
    private final Clock clock;

    ClinicalNoteStore(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    ClinicalNote add(String patientId, String author, String text) {
        ClinicalNote note = new ClinicalNote(UUID.randomUUID().toString(), patientId, author, clock.instant(), text);
        jdbc.update("INSERT INTO clinical_note (id, patient_id, author, written_at, body) VALUES (?, ?, ?, ?, ?)",
                note.id(), note.patient(), note.author(), Timestamp.from(note.writtenAt()), note.text());
        return note;
    }

    /** The patient's newest notes, at most {@link #LONGEST_LIST}. */
    public List<ClinicalNote> forPatient(String patientId) {
        return jdbc.query("SELECT * FROM clinical_note WHERE patient_id = ? ORDER BY written_at DESC, id "
                + "FETCH FIRST " + LONGEST_LIST + " ROWS ONLY", ROW, patientId);
    }
}
