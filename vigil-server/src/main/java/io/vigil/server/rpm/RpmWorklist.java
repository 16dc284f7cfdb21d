package io.vigil.server.rpm;

import io.vigil.model.PatientRecord;
import io.vigil.server.access.PatientScope;
import io.vigil.server.patient.PatientStore;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The RPM caseload of one caller (their scope's patients in {@code vigil.rpm.units}), ordered by need: open high
 * alerts, then any open alerts, then missing data, then recent out-of-range episodes, then fewest days with readings.
 */
@Component
class RpmWorklist {
    private static final Duration RECENT = Duration.ofDays(7);

    static final Comparator<RpmPatient> BY_NEED = Comparator.comparingInt(RpmPatient::highAlerts).reversed()
            .thenComparing(Comparator.comparingInt(RpmPatient::openAlerts).reversed())
            .thenComparing(RpmPatient::missingData, Comparator.reverseOrder())
            .thenComparing(Comparator.comparingInt(RpmPatient::recentAlerts).reversed())
            .thenComparingInt(RpmPatient::daysWithReadings)
            .thenComparing(RpmPatient::name);

    private record AlertCounts(int open, int high, int recent) {}

    private final PatientStore patients;
    private final MonitoringTimeStore time;
    private final JdbcTemplate jdbc;
    private final RpmProperties properties;
    private final Clock clock;

    RpmWorklist(PatientStore patients, MonitoringTimeStore time, JdbcTemplate jdbc, RpmProperties properties, Clock clock) {
        this.patients = patients;
        this.time = time;
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    List<RpmPatient> caseload(PatientScope scope, YearMonth month) {
        List<PatientRecord> home = new ArrayList<>();
        for (String unit : properties.units()) {
            home.addAll(patients.admittedInScope(scope, unit));
        }
        if (home.isEmpty()) {
            return List.of();
        }
        List<String> ids = home.stream().map(PatientRecord::id).toList();
        Instant from = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant now = clock.instant();
        Map<String, Long> seconds = time.secondsByPatient(ids, from, to);
        Map<String, Integer> days = daysWithReadings(ids, from, to);
        Map<String, Instant> last = lastReadings(ids);
        Map<String, AlertCounts> alerts = alerts(ids, now.minus(RECENT));
        List<RpmPatient> rows = new ArrayList<>();
        for (PatientRecord p : home) {
            AlertCounts a = alerts.getOrDefault(p.id(), new AlertCounts(0, 0, 0));
            Instant lastReading = last.get(p.id());
            int dayCount = days.getOrDefault(p.id(), 0);
            rows.add(new RpmPatient(p.id(), p.displayName(), p.mrn(), p.unit(), a.open(), a.high(), a.recent(), lastReading,
                    lastReading == null || lastReading.isBefore(now.minus(properties.missingDataAfter())),
                    seconds.getOrDefault(p.id(), 0L), dayCount, dayCount >= properties.requiredDays()));
        }
        rows.sort(BY_NEED);
        return rows;
    }

    private Map<String, Integer> daysWithReadings(List<String> ids, Instant from, Instant to) {
        Map<String, Integer> days = new HashMap<>();
        List<Object> args = new ArrayList<>(ids);
        args.add(Timestamp.from(from));
        args.add(Timestamp.from(to));
        jdbc.query("SELECT patient_id, COUNT(DISTINCT FLOOR(EXTRACT(EPOCH FROM effective_at) / 86400)) FROM observation "
                        + "WHERE patient_id IN (" + marks(ids.size()) + ") AND effective_at >= ? AND effective_at < ? "
                        + "GROUP BY patient_id",
                rs -> {
                    days.put(rs.getString(1), rs.getInt(2));
                }, args.toArray());
        return days;
    }

    private Map<String, Instant> lastReadings(List<String> ids) {
        Map<String, Instant> last = new HashMap<>();
        jdbc.query("SELECT patient_id, MAX(effective_at) FROM observation WHERE patient_id IN (" + marks(ids.size())
                        + ") GROUP BY patient_id",
                rs -> {
                    last.put(rs.getString(1), rs.getTimestamp(2).toInstant());
                }, ids.toArray());
        return last;
    }

    private Map<String, AlertCounts> alerts(List<String> ids, Instant recentSince) {
        Map<String, AlertCounts> counts = new HashMap<>();
        List<Object> args = new ArrayList<>();
        args.add(Timestamp.from(recentSince));
        args.addAll(ids);
        jdbc.query("SELECT patient_id, SUM(CASE WHEN state <> 'resolved' THEN 1 ELSE 0 END), "
                        + "SUM(CASE WHEN state <> 'resolved' AND priority = 'high' THEN 1 ELSE 0 END), "
                        + "SUM(CASE WHEN raised_at >= ? THEN 1 ELSE 0 END) FROM alert WHERE patient_id IN ("
                        + marks(ids.size()) + ") GROUP BY patient_id",
                rs -> {
                    counts.put(rs.getString(1), new AlertCounts(rs.getInt(2), rs.getInt(3), rs.getInt(4)));
                }, args.toArray());
        return counts;
    }

    private static String marks(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }
}
