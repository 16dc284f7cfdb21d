package io.vigil.server.rule;

import io.vigil.analytics.alert.AlertPriority;
import io.vigil.analytics.limit.LimitRule;
import io.vigil.analytics.limit.LimitRules;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Per-patient limit overrides (table {@code limit_override}). */
@Repository
class LimitOverrideStore {
    private static final String COLUMNS = "patient_id, rule_id, threshold, hysteresis, duration_s, priority, set_by, set_at";
    private final JdbcTemplate jdbc;

    LimitOverrideStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<LimitOverride> forPatient(String patientId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM limit_override WHERE patient_id = ? ORDER BY rule_id",
                LimitOverrideStore::row, patientId);
    }

    /** Overrides of the given patients (for a FHIR search over many). */
    List<LimitOverride> forPatients(List<String> patientIds) {
        if (patientIds.isEmpty()) {
            return List.of();
        }
        String marks = String.join(", ", patientIds.stream().map(p -> "?").toList());
        return jdbc.query("SELECT " + COLUMNS + " FROM limit_override WHERE patient_id IN (" + marks
                + ") ORDER BY patient_id, rule_id", LimitOverrideStore::row, patientIds.toArray());
    }

    /** Sets the override; portable upsert (update, else insert; a racing insert retries the update). */
    @Transactional
    void put(LimitOverride override) {
        if (update(override) == 0) {
            try {
                LimitRule r = override.rule();
                jdbc.update("INSERT INTO limit_override (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        override.patientId(), r.id(), r.threshold(), r.hysteresis(), r.duration().toSeconds(),
                        r.priority().code(), override.setBy(), Timestamp.from(override.setAt()));
            } catch (DuplicateKeyException e) {
                update(override);
            }
        }
    }

    /** Removes the override; whether there was one. */
    boolean delete(String patientId, String ruleId) {
        return jdbc.update("DELETE FROM limit_override WHERE patient_id = ? AND rule_id = ?", patientId, ruleId) > 0;
    }

    private int update(LimitOverride override) {
        LimitRule r = override.rule();
        return jdbc.update("UPDATE limit_override SET threshold = ?, hysteresis = ?, duration_s = ?, priority = ?, "
                        + "set_by = ?, set_at = ? WHERE patient_id = ? AND rule_id = ?",
                r.threshold(), r.hysteresis(), r.duration().toSeconds(), r.priority().code(), override.setBy(),
                Timestamp.from(override.setAt()), override.patientId(), r.id());
    }

    /** A stored row as an override of the default rule of its id; direction and measurement come from the default. */
    private static LimitOverride row(ResultSet rs, int n) throws SQLException {
        String ruleId = rs.getString("rule_id");
        LimitRule base = LimitRules.adultDefaults().rule(ruleId)
                .orElseThrow(() -> new IllegalStateException("stored override of an unknown limit rule " + ruleId));
        LimitRule rule = new LimitRule(ruleId, base.measurement(), base.direction(), rs.getDouble("threshold"),
                rs.getDouble("hysteresis"), Duration.ofSeconds(rs.getLong("duration_s")),
                AlertPriority.ofCode(rs.getString("priority")).orElseThrow());
        return new LimitOverride(rs.getString("patient_id"), rule, rs.getString("set_by"),
                rs.getTimestamp("set_at").toInstant());
    }
}
