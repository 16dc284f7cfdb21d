package io.vigil.server.implant;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** Stored interrogation reports (table {@code implant_report}), newest interrogation first. */
@Repository
class ImplantReports {
    /** A stored report: whose, from which device, when received, and the report itself. */
    record Stored(String id, String device, String patient, Instant receivedAt, ImplantReport report) {}

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final RowMapper<Stored> row;

    ImplantReports(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
        this.row = (rs, n) -> new Stored(rs.getString("id"), rs.getString("device_id"), rs.getString("patient_id"),
                rs.getTimestamp("received_at").toInstant(), json.readValue(rs.getString("report"), ImplantReport.class));
    }

    /** Stores the report; empty if this device already sent a report with the same id (a retry). */
    Optional<Stored> insert(Stored s) {
        ImplantReport r = s.report();
        try {
            jdbc.update("INSERT INTO implant_report (id, source_id, device_id, patient_id, kind, interrogated_at, received_at, "
                            + "battery_status, battery_voltage, at_eri, shocks, atp, af_burden, report) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    s.id(), r.id(), s.device(), s.patient(), r.device().kind(), Timestamp.from(r.interrogatedAt()),
                    Timestamp.from(s.receivedAt()), r.battery() == null ? null : r.battery().status(),
                    r.battery() == null ? null : r.battery().voltage(), r.atReplacement(), r.shocks(), r.atp(),
                    r.afBurdenPercent(), json.writeValueAsString(r));
            return Optional.of(s);
        } catch (DuplicateKeyException retry) {
            return Optional.empty();
        }
    }

    Optional<Stored> find(String id) {
        return jdbc.query("SELECT * FROM implant_report WHERE id = ?", row, id).stream().findFirst();
    }

    Optional<Stored> bySourceId(String device, String sourceId) {
        return jdbc.query("SELECT * FROM implant_report WHERE device_id = ? AND source_id = ?", row, device, sourceId)
                .stream().findFirst();
    }

    /** The patient's reports, newest interrogation first, at most {@code limit}. */
    List<Stored> ofPatient(String patient, int limit) {
        return jdbc.query("SELECT * FROM implant_report WHERE patient_id = ? ORDER BY interrogated_at DESC, id DESC "
                + "FETCH FIRST " + Math.max(1, Math.min(limit, 100)) + " ROWS ONLY", row, patient);
    }
}
