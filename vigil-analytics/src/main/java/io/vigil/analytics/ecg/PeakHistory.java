package io.vigil.analytics.ecg;

import java.util.Arrays;

/** The last few values of a detector quantity (peak heights, RR intervals) and their mean. */
final class PeakHistory {

    private final double[] values;
    private int next;
    private double sum;

    PeakHistory(int size) {
        values = new double[size];
    }

    void fill(double value) {
        Arrays.fill(values, value);
        sum = value * values.length;
    }

    void add(double value) {
        sum += value - values[next];
        values[next] = value;
        next = (next + 1) % values.length;
    }

    double mean() {
        return sum / values.length;
    }
}
