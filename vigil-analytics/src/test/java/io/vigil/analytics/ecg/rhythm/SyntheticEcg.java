package io.vigil.analytics.ecg.rhythm;

import java.util.Random;

/**
 * Test signals in ADC units (200 per mV, baseline 1024): per beat a 1 mV QRS (Gaussian, σ = 12 ms) and a 0.3 mV
 * T wave 250 ms later, beats at the given RR intervals, optional white noise.
 */
final class SyntheticEcg {
    static final double RATE = 360;
    static final double GAIN = 200;

    private SyntheticEcg() {
    }

    /** Beats at {@code rr} seconds apart starting at 0.5 s; flat after {@code beatsUntil} seconds. */
    static int[] beats(double[] rr, double seconds, double beatsUntil, double noiseMv, long seed) {
        int n = (int) (seconds * RATE);
        double[] v = new double[n];
        double t = 0.5;
        for (int i = 0; t < Math.min(seconds - 0.3, beatsUntil); i++) {
            int center = (int) Math.round(t * RATE);
            for (int k = Math.max(0, center - 100); k < Math.min(n, center + 300); k++) {
                double dt = (k - center) / RATE;
                v[k] += Math.exp(-dt * dt / (2 * 0.012 * 0.012)) + 0.3 * Math.exp(-(dt - 0.25) * (dt - 0.25) / (2 * 0.04 * 0.04));
            }
            t += rr[i % rr.length];
        }
        Random random = new Random(seed);
        int[] out = new int[n];
        for (int k = 0; k < n; k++) {
            out[k] = (int) Math.round(1024 + GAIN * (v[k] + noiseMv * random.nextGaussian()));
        }
        return out;
    }

    static int[] regular(double bpm, double seconds) {
        return beats(new double[] {60 / bpm}, seconds, seconds, 0.01, 1);
    }

    /** RR intervals drawn uniformly from 0.4–1.1 s: irregularly irregular, like atrial fibrillation. */
    static double[] irregular(int count, long seed) {
        Random random = new Random(seed);
        double[] rr = new double[count];
        for (int i = 0; i < count; i++) {
            rr[i] = 0.4 + 0.7 * random.nextDouble();
        }
        return rr;
    }
}
