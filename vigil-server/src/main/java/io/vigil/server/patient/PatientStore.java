package io.vigil.server.patient;

import io.vigil.model.PatientRecord;
import io.vigil.server.access.PatientScope;
import io.vigil.server.api.ApiErrors;
import io.vigil.server.api.ApiException;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** Patients: created through REST or FHIR, found by id, MRN or unit. */
@Repository
public class PatientStore {
    private static final RowMapper<PatientRecord> ROW = (rs, n) -> new PatientRecord(rs.getString("id"),
            rs.getString("mrn"), rs.getString("given_name"), rs.getString("family_name"),
            Optional.ofNullable(rs.getDate("birth_date")).map(Date::toLocalDate).orElse(null),
            rs.getString("sex"), rs.getString("care_unit"), rs.getString("bed"));

    private final JdbcTemplate jdbc;
    private final Clock clock;

    PatientStore(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Stores a new patient (the id of the argument is ignored) and returns it with its id. */
    public PatientRecord create(PatientRecord patient) {
        PatientRecord saved = new PatientRecord(UUID.randomUUID().toString(), patient.mrn(), patient.given(),
                patient.family(), patient.birthDate(), patient.sex(), patient.unit(), patient.bed());
        try {
            jdbc.update("INSERT INTO patient (id, mrn, given_name, family_name, birth_date, sex, care_unit, bed, created_at) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    saved.id(), saved.mrn(), saved.given(), saved.family(),
                    saved.birthDate() == null ? null : Date.valueOf(saved.birthDate()), saved.sex(), saved.unit(),
                    saved.bed(), Timestamp.from(clock.instant()));
        } catch (DuplicateKeyException e) {
            throw new ApiException(HttpStatus.CONFLICT, ApiErrors.CONFLICT, "A patient with this MRN exists already", "mrn");
        }
        return saved;
    }

    public Optional<PatientRecord> find(String id) {
        return jdbc.query("SELECT * FROM patient WHERE id = ?", ROW, id).stream().findFirst();
    }

    public Optional<PatientRecord> findByMrn(String mrn) {
        return jdbc.query("SELECT * FROM patient WHERE mrn = ?", ROW, mrn).stream().findFirst();
    }

    /** The patients of the scope, of one unit (null: any), by unit, bed and name. */
    public List<PatientRecord> inScope(PatientScope scope, String unit) {
        return inScope(scope, unit, false);
    }

    /** The admitted (not discharged) patients of the scope, of one unit (null: any), by unit, bed and name. */
    public List<PatientRecord> admittedInScope(PatientScope scope, String unit) {
        return inScope(scope, unit, true);
    }

    private List<PatientRecord> inScope(PatientScope scope, String unit, boolean admittedOnly) {
        PatientScope.Condition visible = scope.where("care_unit", "id");
        StringBuilder sql = new StringBuilder("SELECT * FROM patient WHERE ").append(visible.sql());
        List<Object> args = new ArrayList<>(visible.args());
        if (admittedOnly) {
            sql.append(" AND discharged_at IS NULL");
        }
        if (unit != null) {
            sql.append(" AND care_unit = ?");
            args.add(unit);
        }
        sql.append(" ORDER BY care_unit, bed, family_name");
        return jdbc.query(sql.toString(), ROW, args.toArray());
    }

    /** Ids of the discharged patients among all (for the administration screen). */
    public List<String> dischargedIds() {
        return jdbc.queryForList("SELECT id FROM patient WHERE discharged_at IS NOT NULL", String.class);
    }

    /** Admits the patient to a unit and bed (a move, or a re-admission: clears the discharge). */
    void admit(String id, String unit, String bed) {
        jdbc.update("UPDATE patient SET care_unit = ?, bed = ?, discharged_at = NULL WHERE id = ?", unit, bed, id);
    }

    /** Discharges the patient now: no bed; the unit stays (their record stays with the unit's clinicians). */
    void discharge(String id) {
        jdbc.update("UPDATE patient SET bed = NULL, discharged_at = ? WHERE id = ?", Timestamp.from(clock.instant()), id);
    }

    /** The distinct units of these patients (those that have one). */
    public List<String> unitsOf(Collection<String> patientIds) {
        if (patientIds.isEmpty()) {
            return List.of();
        }
        String placeholders = String.join(", ", Collections.nCopies(patientIds.size(), "?"));
        return jdbc.queryForList("SELECT DISTINCT care_unit FROM patient WHERE care_unit IS NOT NULL AND id IN ("
                + placeholders + ")", String.class, patientIds.toArray());
    }

    public List<PatientRecord> all() {
        return jdbc.query("SELECT * FROM patient ORDER BY care_unit, bed, family_name", ROW);
    }

    /** Case-insensitive match on given or family name (FHIR's {@code name} search: starts-with). */
    public List<PatientRecord> byName(String name) {
        String prefix = name.toLowerCase() + "%";
        return jdbc.query("SELECT * FROM patient WHERE LOWER(family_name) LIKE ? OR LOWER(given_name) LIKE ? ORDER BY family_name",
                ROW, prefix, prefix);
    }
}
