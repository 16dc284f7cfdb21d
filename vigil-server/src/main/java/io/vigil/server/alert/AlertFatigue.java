package io.vigil.server.alert;

import io.vigil.server.access.PatientAccess;
import io.vigil.server.access.PatientScope;
import io.vigil.server.api.ApiException;
import io.vigil.server.security.Role;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Alarm-fatigue figures over a window ({@code GET /api/v1/alerts/metrics?unit=&from=&to=}, default the last 7 days),
 * per care unit and per unit and rule: alerts, alerts per patient-day, time to acknowledge (median and p90, from the
 * breaching reading to the first acknowledgement), the share resolved by their condition within 2 minutes
 * (nuisance), and escalations. Patient-days are the unit's patients (registered now) times the window's days — an
 * approximation until admissions and discharges are recorded. Administrators see every unit (the figures name no
 * patient); others the units of their scope.
 */
@RestController
class AlertFatigue {
    static final Duration NUISANCE = Duration.ofMinutes(2);
    static final Duration DEFAULT_WINDOW = Duration.ofDays(7);

    record Figures(String unit, String rule, int alerts, double patientDays, Double alertsPerPatientDay,
                   int acknowledged, Double medianSecondsToAcknowledge, Double p90SecondsToAcknowledge,
                   int autoResolvedWithinTwoMinutes, double nuisanceShare, int escalations) {}

    record Report(Instant from, Instant to, List<Figures> units, List<Figures> rules) {}

    private record Row(String unit, String rule, Instant raised, Instant acknowledged, Instant resolved,
                       boolean automatic, int escalations) {}

    private final JdbcTemplate jdbc;
    private final PatientAccess access;
    private final Clock clock;

    AlertFatigue(JdbcTemplate jdbc, PatientAccess access, Clock clock) {
        this.jdbc = jdbc;
        this.access = access;
        this.clock = clock;
    }

    @GetMapping("/api/v1/alerts/metrics")
    Report metrics(@RequestParam(required = false) String unit, @RequestParam(required = false) Instant from,
                   @RequestParam(required = false) Instant to, Authentication caller) {
        Instant end = to != null ? to : clock.instant();
        Instant start = from != null ? from : end.minus(DEFAULT_WINDOW);
        if (!start.isBefore(end)) {
            throw ApiException.invalid("from", "from must be before to");
        }
        PatientScope scope = Role.ADMIN.heldBy(caller) ? PatientScope.everyone() : access.scopeOf(caller);
        List<Row> rows = jdbc.query("SELECT p.care_unit, a.rule_id, a.raised_at, a.acknowledged_at, a.resolved_at, "
                        + "a.resolved_by, a.state, (SELECT COUNT(*) FROM alert_transition t WHERE t.alert_id = a.id "
                        + "AND t.action = 'escalated') AS escalations FROM alert a JOIN patient p ON p.id = a.patient_id "
                        + "WHERE a.raised_at >= ? AND a.raised_at < ?" + (unit == null ? "" : " AND p.care_unit = ?"),
                (rs, n) -> new Row(rs.getString(1) == null ? "none" : rs.getString(1), rs.getString(2),
                        rs.getTimestamp(3).toInstant(), instant(rs.getTimestamp(4)), instant(rs.getTimestamp(5)),
                        "resolved".equals(rs.getString(7)) && rs.getString(6) == null, rs.getInt(8)),
                unit == null ? new Object[] {Timestamp.from(start), Timestamp.from(end)}
                        : new Object[] {Timestamp.from(start), Timestamp.from(end), unit});
        List<Row> visible = rows.stream().filter(r -> scope.includesUnit(r.unit())).toList();
        Map<String, Integer> patients = patientsPerUnit();
        double days = Duration.between(start, end).toMinutes() / (24.0 * 60);
        Map<String, List<Row>> byUnit = new TreeMap<>();
        Map<String, List<Row>> byUnitAndRule = new TreeMap<>();
        for (Row r : visible) {
            byUnit.computeIfAbsent(r.unit(), k -> new ArrayList<>()).add(r);
            byUnitAndRule.computeIfAbsent(r.unit() + "\n" + r.rule(), k -> new ArrayList<>()).add(r);
        }
        List<Figures> units = byUnit.entrySet().stream()
                .map(e -> figures(e.getKey(), null, e.getValue(), patients.getOrDefault(e.getKey(), 0) * days)).toList();
        List<Figures> rules = byUnitAndRule.entrySet().stream().map(e -> {
            String[] key = e.getKey().split("\n", 2);
            return figures(key[0], key[1], e.getValue(), patients.getOrDefault(key[0], 0) * days);
        }).toList();
        return new Report(start, end, units, rules);
    }

    static Figures figures(String unit, String rule, List<Row> rows, double patientDays) {
        List<Double> toAck = rows.stream().filter(r -> r.acknowledged() != null)
                .map(r -> Duration.between(r.raised(), r.acknowledged()).toMillis() / 1000.0).sorted().toList();
        int nuisance = (int) rows.stream().filter(r -> r.automatic() && r.resolved() != null
                && Duration.between(r.raised(), r.resolved()).compareTo(NUISANCE) <= 0).count();
        return new Figures(unit, rule, rows.size(), patientDays, patientDays > 0 ? rows.size() / patientDays : null,
                toAck.size(), percentile(toAck, 50), percentile(toAck, 90), nuisance,
                rows.isEmpty() ? 0 : (double) nuisance / rows.size(), rows.stream().mapToInt(Row::escalations).sum());
    }

    /** Nearest-rank percentile of sorted values; null when there are none. */
    static Double percentile(List<Double> sorted, int p) {
        if (sorted.isEmpty()) {
            return null;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private Map<String, Integer> patientsPerUnit() {
        Map<String, Integer> counts = new TreeMap<>();
        jdbc.query("SELECT care_unit, COUNT(*) FROM patient WHERE care_unit IS NOT NULL GROUP BY care_unit",
                rs -> {
                    counts.put(rs.getString(1), rs.getInt(2));
                });
        return counts;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
