package io.vigil.sim.ecg;

import java.util.Random;

/**
 * A synthetic single-lead ECG, streamed sample by sample, in the manner of McSharry et al.'s ECGSYN (IEEE TBME
 * 50(3), 2003): each beat is a sum of Gaussian waves — P, Q, R, S, T — placed around the R wave, with the QT
 * interval shortening with rate (Bazett's √RR), on a respiratory baseline wander. Atrial fibrillation drops the P
 * wave, adds 6 Hz fibrillatory waves and draws RR intervals irregularly (coefficient of variation 0.2). Output in
 * ADC units: {@code gain} per mV around {@code baseline}. Deterministic for a seed. Not for clinical use.
 */
public final class SyntheticEcg {
    /** Wave amplitude (mV), centre (s from R at RR = 1 s) and width σ (s): P, Q, R, S, T. */
    private static final double[][] WAVES = {
        {0.15, -0.20, 0.025}, {-0.12, -0.035, 0.010}, {1.10, 0, 0.011}, {-0.25, 0.035, 0.010}, {0.32, 0.28, 0.055},
    };

    private final double rate;
    private final double gain;
    private final int baseline;
    private final Random random;
    private EcgRhythm rhythm;
    private double bpm;
    private long n;
    private double nextBeat;
    private double previousBeat = -10;
    private double previousRr = 1;
    private double currentRr = 1;

    public SyntheticEcg(double sampleRate, double gainPerMillivolt, int baseline, EcgRhythm rhythm, double bpm, long seed) {
        this.rate = sampleRate;
        this.gain = gainPerMillivolt;
        this.baseline = baseline;
        this.random = new Random(seed);
        this.nextBeat = 0.4;
        change(rhythm, bpm);
    }

    /** Switches rhythm from the next sample on; {@code bpm} ≤ 0 takes the rhythm's default rate. */
    public void change(EcgRhythm to, double beatsPerMinute) {
        this.rhythm = to;
        this.bpm = beatsPerMinute > 0 ? beatsPerMinute : to.defaultBpm();
    }

    public EcgRhythm rhythm() {
        return rhythm;
    }

    /** Whether the device would flag its leads off now. */
    public boolean leadsOff() {
        return rhythm == EcgRhythm.LEADS_OFF;
    }

    /** The next {@code count} samples. */
    public int[] next(int count) {
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = sample();
        }
        return out;
    }

    private int sample() {
        double t = n++ / rate;
        if (rhythm == EcgRhythm.LEADS_OFF) {
            return baseline;
        }
        boolean beating = rhythm != EcgRhythm.ASYSTOLE;
        if (t >= nextBeat) {
            previousRr = currentRr;
            previousBeat = nextBeat;
            currentRr = beating ? rr() : 0.25;
            nextBeat += currentRr;
            if (!beating) {
                previousBeat = -10; // no complex to draw
            }
        }
        double mv = 0.08 * Math.sin(2 * Math.PI * 0.25 * t) + 0.01 * random.nextGaussian();
        if (beating) {
            mv += beat(t - previousBeat, previousRr, rhythm != EcgRhythm.ATRIAL_FIBRILLATION)
                    + beat(t - nextBeat, currentRr, rhythm != EcgRhythm.ATRIAL_FIBRILLATION);
        }
        if (rhythm == EcgRhythm.ATRIAL_FIBRILLATION) {
            mv += 0.05 * Math.sin(2 * Math.PI * 6 * t + 0.7 * Math.sin(2 * Math.PI * 0.9 * t));
        }
        if (rhythm == EcgRhythm.NOISE) {
            mv += 0.35 * random.nextGaussian() + 0.2 * Math.sin(2 * Math.PI * 50 * t);
        }
        return (int) Math.round(baseline + gain * mv);
    }

    private double rr() {
        double mean = 60 / bpm;
        if (rhythm == EcgRhythm.ATRIAL_FIBRILLATION) {
            return Math.max(0.3, mean * (1 + 0.2 * random.nextGaussian()));
        }
        return mean * (1 + 0.02 * random.nextGaussian());
    }

    /** The P-QRS-T complex of a beat whose R wave is {@code dt} seconds away. */
    private static double beat(double dt, double rr, boolean pWave) {
        if (dt < -0.4 || dt > 0.7) {
            return 0;
        }
        double qt = Math.sqrt(Math.min(Math.max(rr, 0.3), 2));
        double v = 0;
        for (int w = pWave ? 0 : 1; w < WAVES.length; w++) {
            double centre = w == 4 ? WAVES[w][1] * qt : WAVES[w][1];
            double sigma = w == 4 ? WAVES[w][2] * qt : WAVES[w][2];
            double d = dt - centre;
            v += WAVES[w][0] * Math.exp(-d * d / (2 * sigma * sigma));
        }
        return v;
    }
}
