package io.vigil.analytics.ecg;

/**
 * Moving-window integration of the squared slope, with a short history of the band-passed signal and
 * of the absolute slope so a peak of the integral can be traced back to its QRS complex.
 */
final class MovingIntegral {

    private final int window;
    private final double[] energy;
    private final double[] band;
    private final double[] slope;
    private long count;
    private double sum;

    MovingIntegral(int window, int capacity) {
        this.window = window;
        this.energy = new double[window];
        this.band = new double[capacity];
        this.slope = new double[capacity];
    }

    /** Adds one sample; returns the integral over the last {@code window} samples. */
    double add(double bandValue, double absSlope, double squaredSlope) {
        int e = (int) (count % window);
        sum += squaredSlope - energy[e];
        energy[e] = squaredSlope;
        int h = (int) (count % band.length);
        band[h] = bandValue;
        slope[h] = absSlope;
        count++;
        return Math.max(sum, 0) / window;
    }

    int window() {
        return window;
    }

    int capacity() {
        return band.length;
    }

    /** Largest absolute slope between samples {@code from} and {@code to}; {@code now} is the newest sample. */
    double maxSlope(long from, long to, long now) {
        double max = 0;
        for (long i = Math.max(from, now - band.length + 1); i <= to; i++) {
            max = Math.max(max, slope[(int) (i % band.length)]);
        }
        return max;
    }

    /** Sample index of the largest absolute band-passed value between {@code from} and {@code to}. */
    long strongest(long from, long to, long now) {
        long best = to;
        double max = -1;
        for (long i = Math.max(from, now - band.length + 1); i <= to; i++) {
            double v = Math.abs(band[(int) (i % band.length)]);
            if (v > max) {
                max = v;
                best = i;
            }
        }
        return best;
    }
}
