package io.vigil.analytics.ecg;

/** Second-order IIR section (RBJ cookbook Butterworth, Q = 1/√2), direct form I. */
final class Biquad {

    private final double b0;
    private final double b1;
    private final double b2;
    private final double a1;
    private final double a2;
    private double x1;
    private double x2;
    private double y1;
    private double y2;

    private Biquad(double b0, double b1, double b2, double a0, double a1, double a2) {
        this.b0 = b0 / a0;
        this.b1 = b1 / a0;
        this.b2 = b2 / a0;
        this.a1 = a1 / a0;
        this.a2 = a2 / a0;
    }

    static Biquad lowPass(double cutoffHz, double sampleRate) {
        double w = 2 * Math.PI * cutoffHz / sampleRate;
        double cos = Math.cos(w);
        double alpha = Math.sin(w) / Math.sqrt(2);
        return new Biquad((1 - cos) / 2, 1 - cos, (1 - cos) / 2, 1 + alpha, -2 * cos, 1 - alpha);
    }

    static Biquad highPass(double cutoffHz, double sampleRate) {
        double w = 2 * Math.PI * cutoffHz / sampleRate;
        double cos = Math.cos(w);
        double alpha = Math.sin(w) / Math.sqrt(2);
        return new Biquad((1 + cos) / 2, -(1 + cos), (1 + cos) / 2, 1 + alpha, -2 * cos, 1 - alpha);
    }

    double filter(double x) {
        double y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
        x2 = x1;
        x1 = x;
        y2 = y1;
        y1 = y;
        return y;
    }
}
