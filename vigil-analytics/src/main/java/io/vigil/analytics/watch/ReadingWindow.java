package io.vigil.analytics.watch;

import java.time.Duration;
import java.time.Instant;

/**
 * The readings of one measurement within {@code length} before the newest, in time order, with running sums for
 * a least-squares slope (times in seconds from the first reading ever added, so the sums stay exact enough).
 */
public final class ReadingWindow {
    private static final long REBASE_AFTER_MILLIS = Duration.ofDays(7).toMillis();
    private final Duration length;
    private long[] times = new long[16];
    private double[] values = new double[16];
    private int head;
    private int size;
    private long origin = Long.MIN_VALUE;
    private double sumT;
    private double sumV;
    private double sumTT;
    private double sumTV;

    public ReadingWindow(Duration length) {
        this.length = length;
    }

    /** Adds a reading in its time place; false when it is older than the window before the newest (dropped). */
    public boolean add(Instant time, double value) {
        long millis = time.toEpochMilli();
        if (size > 0 && millis < newestMillis() - length.toMillis()) {
            return false;
        }
        if (origin == Long.MIN_VALUE) {
            origin = millis;
        }
        grow();
        int at = size;
        while (at > 0 && times[index(at - 1)] > millis) {
            times[index(at)] = times[index(at - 1)];
            values[index(at)] = values[index(at - 1)];
            at--;
        }
        times[index(at)] = millis;
        values[index(at)] = value;
        size++;
        sum(millis, value, 1);
        long oldest = newestMillis() - length.toMillis();
        while (times[head] < oldest) {
            sum(times[head], values[head], -1);
            head = (head + 1) % times.length;
            size--;
        }
        if (times[head] - origin > REBASE_AFTER_MILLIS) {
            rebase();
        }
        return true;
    }

    public int size() {
        return size;
    }

    public Duration span() {
        return Duration.ofMillis(newestMillis() - times[head]);
    }

    public Instant newestTime() {
        return Instant.ofEpochMilli(newestMillis());
    }

    public double newestValue() {
        return values[index(size - 1)];
    }

    public double lowestValue() {
        double lowest = Double.POSITIVE_INFINITY;
        for (int i = 0; i < size; i++) {
            lowest = Math.min(lowest, values[index(i)]);
        }
        return lowest;
    }

    /** The least-squares slope, value units per second; 0 when all readings share one time. */
    public double slopePerSecond() {
        double denominator = size * sumTT - sumT * sumT;
        return denominator <= 0 ? 0 : (size * sumTV - sumT * sumV) / denominator;
    }

    /** The least-squares line's value {@code ahead} of the newest reading (a linear forecast). */
    public double forecast(Duration ahead) {
        double slope = slopePerSecond();
        double meanT = sumT / size;
        double newestT = (newestMillis() - origin) / 1000.0;
        return sumV / size + slope * (newestT + ahead.toMillis() / 1000.0 - meanT);
    }

    private void sum(long millis, double value, int sign) {
        double t = (millis - origin) / 1000.0;
        sumT += sign * t;
        sumV += sign * value;
        sumTT += sign * t * t;
        sumTV += sign * t * value;
    }

    /** Sums again from the oldest reading kept: bounds both the size of the times and the drift of the sums. */
    private void rebase() {
        origin = times[head];
        sumT = sumV = sumTT = sumTV = 0;
        for (int i = 0; i < size; i++) {
            sum(times[index(i)], values[index(i)], 1);
        }
    }

    private long newestMillis() {
        return times[index(size - 1)];
    }

    private int index(int i) {
        return (head + i) % times.length;
    }

    private void grow() {
        if (size < times.length) {
            return;
        }
        long[] t = new long[times.length * 2];
        double[] v = new double[values.length * 2];
        for (int i = 0; i < size; i++) {
            t[i] = times[index(i)];
            v[i] = values[index(i)];
        }
        times = t;
        values = v;
        head = 0;
    }
}
