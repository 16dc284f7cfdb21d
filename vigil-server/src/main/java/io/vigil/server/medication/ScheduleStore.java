package io.vigil.server.medication;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** Medication schedules (V30 {@code medication_schedule}). */
@Repository
class ScheduleStore {
    private static final RowMapper<MedicationSchedule> ROW = ScheduleStore::row;

    private final JdbcTemplate jdbc;

    ScheduleStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void insert(MedicationSchedule s) {
        DosageTiming t = s.timing();
        jdbc.update("INSERT INTO medication_schedule (id, patient_id, dispenser_id, medication_system, medication_code,"
                        + " medication_text, frequency, period, period_unit, times_of_day, as_needed, dose_text, zone,"
                        + " starts_at, ends_at, status, created_at, created_by, missed_checked_until)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                s.id(), s.patientId(), s.dispenserId(), s.medication().system(), s.medication().code(),
                s.medication().text(), t.frequency(), t.period(), t.periodUnit(),
                t.timesOfDay().isEmpty() ? null : t.timesOfDay().stream().map(LocalTime::toString).collect(Collectors.joining(",")),
                t.asNeeded(), s.doseText(), t.zone().getId(), Timestamp.from(t.start()),
                t.end() == null ? null : Timestamp.from(t.end()), s.status(), Timestamp.from(s.createdAt()), s.createdBy(),
                Timestamp.from(s.createdAt()));
    }

    Optional<MedicationSchedule> find(String id) {
        return jdbc.query("SELECT * FROM medication_schedule WHERE id = ?", ROW, id).stream().findFirst();
    }

    List<MedicationSchedule> forPatient(String patientId) {
        return jdbc.query("SELECT * FROM medication_schedule WHERE patient_id = ? ORDER BY created_at, id", ROW, patientId);
    }

    /** Active scheduled (not PRN) schedules with the instant up to which their missed doses were looked for. */
    List<Watched> watched() {
        return jdbc.query("SELECT * FROM medication_schedule WHERE status = 'active' AND as_needed = FALSE",
                (rs, n) -> new Watched(row(rs, n), rs.getTimestamp("missed_checked_until").toInstant()));
    }

    void checkedUntil(String id, Instant until) {
        jdbc.update("UPDATE medication_schedule SET missed_checked_until = ? WHERE id = ?", Timestamp.from(until), id);
    }

    record Watched(MedicationSchedule schedule, Instant checkedUntil) {}

    private static MedicationSchedule row(ResultSet rs, int n) throws SQLException {
        String times = rs.getString("times_of_day");
        Timestamp ends = rs.getTimestamp("ends_at");
        DosageTiming timing = new DosageTiming(rs.getInt("frequency"), rs.getInt("period"), rs.getString("period_unit"),
                times == null ? List.of() : Arrays.stream(times.split(",")).map(LocalTime::parse).toList(),
                rs.getBoolean("as_needed"), ZoneId.of(rs.getString("zone")), rs.getTimestamp("starts_at").toInstant(),
                ends == null ? null : ends.toInstant());
        return new MedicationSchedule(rs.getString("id"), rs.getString("patient_id"), rs.getString("dispenser_id"),
                new MedicationSchedule.Medication(rs.getString("medication_system"), rs.getString("medication_code"),
                        rs.getString("medication_text")),
                timing, rs.getString("dose_text"), rs.getString("status"), rs.getTimestamp("created_at").toInstant(),
                rs.getString("created_by"));
    }
}
