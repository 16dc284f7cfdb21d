package io.vigil.analytics.ecg.rhythm;

/**
 * Judges each second of signal clean or noisy: the mean absolute second difference (high-frequency content:
 * muscle noise, electrode motion, mains pick-up) divided by the second's peak-to-peak amplitude. A clean ECG
 * puts its energy in a few QRS complexes (ratio of a few hundredths); broadband noise approaches 0.3. A second
 * under 0.4 mV peak to peak is never noisy (a flat line is asystole or leads off, not noise).
 */
final class NoiseGauge {
    private final int blockSamples;
    private final double minAmplitude;
    private final double threshold;
    private int count;
    private int min;
    private int max;
    private long hf;
    private int x1;
    private int x2;
    private double lastRatio;

    /** @param gainPerMillivolt ADC units per mV */
    NoiseGauge(double sampleRate, double gainPerMillivolt, double threshold) {
        this.blockSamples = (int) Math.round(sampleRate);
        this.minAmplitude = 0.4 * gainPerMillivolt;
        this.threshold = threshold;
        reset();
    }

    /** Adds a sample; at the end of each second answers whether it was noisy (else null). */
    Boolean add(int x) {
        if (count > 1) {
            hf += Math.abs((long) x - 2L * x1 + x2);
        }
        x2 = x1;
        x1 = x;
        min = Math.min(min, x);
        max = Math.max(max, x);
        if (++count < blockSamples) {
            return null;
        }
        double amplitude = (double) max - min;
        lastRatio = amplitude < minAmplitude ? 0 : hf / (double) (count - 2) / amplitude;
        reset();
        return lastRatio > threshold;
    }

    double lastRatio() {
        return lastRatio;
    }

    private void reset() {
        count = 0;
        hf = 0;
        min = Integer.MAX_VALUE;
        max = Integer.MIN_VALUE;
    }
}
