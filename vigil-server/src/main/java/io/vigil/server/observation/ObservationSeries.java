package io.vigil.server.observation;

import io.vigil.model.MeasurementRegistry;
import io.vigil.model.MeasurementType;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * A patient's numeric readings over a window as one time series per measurement type (panel components such as
 * systolic and diastolic pressure as their own series), for trend charts. When a series has more points than asked
 * for, it is averaged into equal time buckets, each keeping its lowest and highest value, so a peak never
 * disappears from the chart.
 */
@Repository
public class ObservationSeries {

    /**
     * One measurement type's points: times (epoch seconds), values, and per bucket the lowest and highest value
     * (equal to the values when not bucketed).
     */
    public record Series(String type, String unit, long[] t, double[] v, double[] lo, double[] hi) {}

    /** The series of a window, and the bucket width used (zero: every reading as stored). */
    public record Window(Instant from, Instant to, long bucketSeconds, List<Series> series) {}

    private final JdbcTemplate jdbc;
    private final MeasurementRegistry registry;

    ObservationSeries(JdbcTemplate jdbc, MeasurementRegistry registry) {
        this.jdbc = jdbc;
        this.registry = registry;
    }

    /** The patient's series in [from, to) (of these types; empty: all), at most {@code maxPoints} points each. */
    public Window of(String patientId, Instant from, Instant to, List<String> types, int maxPoints) {
        Map<String, Points> byType = new TreeMap<>();
        List<Object> arguments = new ArrayList<>(List.of(patientId, Timestamp.from(from), Timestamp.from(to)));
        arguments.addAll(types);
        Object[] args = arguments.toArray();
        String only = types.isEmpty() ? "" : " AND %s IN (" + String.join(", ", types.stream().map(t -> "?").toList()) + ")";
        jdbc.query("SELECT type_code, effective_at, value_num FROM observation WHERE patient_id = ? AND effective_at >= ? "
                        + "AND effective_at < ?" + only.formatted("type_code") + " AND value_num IS NOT NULL ORDER BY effective_at",
                rs -> {
                    byType.computeIfAbsent(rs.getString(1), k -> new Points())
                            .add(rs.getTimestamp(2).toInstant().getEpochSecond(), rs.getDouble(3));
                }, args);
        jdbc.query("SELECT c.type_code, o.effective_at, c.value_num FROM observation o JOIN observation_component c "
                        + "ON c.observation_id = o.id AND c.effective_at = o.effective_at WHERE o.patient_id = ? AND o.effective_at >= ? AND o.effective_at < ?"
                        + only.formatted("c.type_code") + " ORDER BY o.effective_at",
                rs -> {
                    byType.computeIfAbsent(rs.getString(1), k -> new Points())
                            .add(rs.getTimestamp(2).toInstant().getEpochSecond(), rs.getDouble(3));
                }, args);
        int largest = byType.values().stream().mapToInt(p -> p.size).max().orElse(0);
        long windowSeconds = Math.max(1, Duration.between(from, to).toSeconds());
        long bucket = largest <= maxPoints ? 0 : Math.ceilDiv(windowSeconds, maxPoints);
        List<Series> series = new ArrayList<>();
        for (Map.Entry<String, Points> entry : byType.entrySet()) {
            String unit = registry.find(entry.getKey()).map(MeasurementType::canonicalUnit).orElse("");
            series.add(bucket == 0 ? entry.getValue().series(entry.getKey(), unit)
                    : entry.getValue().bucketed(entry.getKey(), unit, from.getEpochSecond(), bucket));
        }
        return new Window(from, to, bucket, series);
    }

    /** A growing column of (time, value) pairs. */
    private static final class Points {
        long[] t = new long[256];
        double[] v = new double[256];
        int size;

        void add(long time, double value) {
            if (size == t.length) {
                t = Arrays.copyOf(t, size * 2);
                v = Arrays.copyOf(v, size * 2);
            }
            t[size] = time;
            v[size] = value;
            size++;
        }

        Series series(String type, String unit) {
            double[] values = Arrays.copyOf(v, size);
            return new Series(type, unit, Arrays.copyOf(t, size), values, values, values);
        }

        Series bucketed(String type, String unit, long origin, long width) {
            List<long[]> starts = new ArrayList<>();
            List<double[]> stats = new ArrayList<>(); // sum, count, min, max
            long current = Long.MIN_VALUE;
            double[] stat = null;
            for (int i = 0; i < size; i++) {
                long start = origin + Math.floorDiv(t[i] - origin, width) * width;
                if (start != current) {
                    current = start;
                    stat = new double[] {0, 0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
                    starts.add(new long[] {start});
                    stats.add(stat);
                }
                stat[0] += v[i];
                stat[1]++;
                stat[2] = Math.min(stat[2], v[i]);
                stat[3] = Math.max(stat[3], v[i]);
            }
            int n = starts.size();
            long[] times = new long[n];
            double[] mean = new double[n];
            double[] lo = new double[n];
            double[] hi = new double[n];
            for (int i = 0; i < n; i++) {
                double[] s = stats.get(i);
                times[i] = starts.get(i)[0] + width / 2;
                mean[i] = s[0] / s[1];
                lo[i] = s[2];
                hi[i] = s[3];
            }
            return new Series(type, unit, times, mean, lo, hi);
        }
    }
}
