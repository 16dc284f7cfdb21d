package io.vigil.server.ingest;

import io.vigil.server.observation.StoredNote;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Links a Glucose Measurement Context (0x2A34) to the glucose reading it describes. The Glucose Service sends the
 * context after the Glucose Measurement (0x2A18) with the same sequence number; the reading's first note is
 * "sequence number N", so the device's newest glucose reading with that note is the one (a meter that was reset
 * numbers from 0 again). The context's notes are appended to the reading's note, within the column's limit.
 */
@Component
class GlucoseContexts {
    private static final String SEQUENCE_NOTE = "sequence number ";

    private final JdbcTemplate jdbc;

    GlucoseContexts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The sequence number of a decoded context value: the uint16 after the flags octet. */
    static int sequenceNumber(byte[] value) {
        return (value[1] & 0xFF) | (value[2] & 0xFF) << 8;
    }

    /**
     * Appends the context's notes (all but its own sequence number) to the reading's note; a context sent again
     * changes nothing.
     *
     * @return the id of the reading, or empty when the device has no glucose reading with this sequence number
     */
    @Transactional
    Optional<String> attach(String deviceId, int sequence, List<String> contextNotes) {
        String first = SEQUENCE_NOTE + sequence;
        List<Reading> readings = jdbc.query("SELECT id, note FROM observation WHERE device_id = ?"
                        + " AND type_code IN ('blood-glucose', 'cgm-glucose') AND (note = ? OR note LIKE ?)"
                        + " ORDER BY received_at DESC, id DESC",
                (rs, row) -> new Reading(rs.getLong(1), rs.getString(2)), deviceId, first, first + "\n%");
        if (readings.isEmpty()) {
            return Optional.empty();
        }
        Reading reading = readings.getFirst();
        List<String> notes = new ArrayList<>(StoredNote.notes(reading.note()));
        List<String> added = contextNotes.stream().filter(note -> !note.startsWith(SEQUENCE_NOTE)).toList();
        if (!notes.containsAll(StoredNote.fitting(added))) {
            notes.addAll(added);
            jdbc.update("UPDATE observation SET note = ? WHERE id = ?",
                    StoredNote.column(StoredNote.fitting(notes)), reading.id());
        }
        return Optional.of(Long.toString(reading.id()));
    }

    private record Reading(long id, String note) {}
}
