package io.vigil.analytics.glucose;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Summarises CGM readings over a window with the international consensus metrics (Battelino 2019).
 *
 * <p>Days worn are the calendar days with at least one reading (in {@code zone}), which is what a clinician
 * counts on an ambulatory glucose profile; a sensor worn from Monday 23:00 to Tuesday 01:00 counts two days.
 * Sensor active % assumes one reading every {@code expectedInterval} (5 min for most current CGMs; 15 min for
 * stored Libre history), so it is the share of expected readings that arrived. Readings at the same instant
 * count once (the last one given wins).
 */
public final class GlucoseSummaryCalculator {

    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(5);
    static final Duration CONSENSUS_WINDOW = Duration.ofDays(14);
    static final double CONSENSUS_ACTIVE_PERCENT = 70;

    private final Duration expectedInterval;
    private final ZoneId zone;

    public GlucoseSummaryCalculator(Duration expectedInterval, ZoneId zone) {
        if (expectedInterval.isZero() || expectedInterval.isNegative()) {
            throw new IllegalArgumentException("the expected CGM interval is positive");
        }
        this.expectedInterval = expectedInterval;
        this.zone = zone;
    }

    /** Summarises the readings whose time is in [from, to); others are ignored. */
    public GlucoseSummary summarize(Iterable<CgmReading> readings, Instant from, Instant to) {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("the window's start is before its end");
        }
        Map<Instant, Double> byTime = new TreeMap<>();
        for (CgmReading reading : readings) {
            if (!reading.time().isBefore(from) && reading.time().isBefore(to)) {
                byTime.put(reading.time(), reading.mgPerDl());
            }
        }
        int n = byTime.size();
        Duration window = Duration.between(from, to);
        double active = Math.min(100.0, 100.0 * n * expectedInterval.toMillis() / window.toMillis());
        boolean sufficient = window.compareTo(CONSENSUS_WINDOW) >= 0 && active >= CONSENSUS_ACTIVE_PERCENT;
        Set<LocalDate> days = byTime.keySet().stream().map(t -> LocalDate.ofInstant(t, zone)).collect(Collectors.toSet());
        if (n == 0) {
            return new GlucoseSummary(from, to, 0, 0, active, sufficient, null, null, null, null, null, null, null, null);
        }
        double mean = byTime.values().stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        Map<GlucoseRange, Double> shares = shares(byTime.values(), n);
        return new GlucoseSummary(from, to, n, days.size(), active, sufficient, mean, gmi(mean),
                coefficientOfVariation(byTime.values(), mean), shares.get(GlucoseRange.VERY_LOW),
                shares.get(GlucoseRange.LOW), shares.get(GlucoseRange.IN_RANGE), shares.get(GlucoseRange.HIGH),
                shares.get(GlucoseRange.VERY_HIGH));
    }

    /** Glucose management indicator (%) from mean glucose in mg/dL (Bergenstal et al., Diabetes Care 2018). */
    public static double gmi(double meanMgPerDl) {
        return 3.31 + 0.02392 * meanMgPerDl;
    }

    private static Double coefficientOfVariation(Iterable<Double> values, double mean) {
        double squares = 0;
        int n = 0;
        for (double value : values) {
            squares += (value - mean) * (value - mean);
            n++;
        }
        return n < 2 ? null : Math.sqrt(squares / (n - 1)) / mean * 100;
    }

    private static Map<GlucoseRange, Double> shares(Iterable<Double> values, int n) {
        Map<GlucoseRange, Integer> counts = new EnumMap<>(GlucoseRange.class);
        for (GlucoseRange range : GlucoseRange.values()) {
            counts.put(range, 0);
        }
        values.forEach(v -> counts.merge(GlucoseRange.of(v), 1, Integer::sum));
        Map<GlucoseRange, Double> shares = new EnumMap<>(GlucoseRange.class);
        counts.forEach((range, count) -> shares.put(range, 100.0 * count / n));
        return shares;
    }
}
