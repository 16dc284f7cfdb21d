package io.vigil.analytics.ecg;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Streaming QRS detector of the Pan–Tompkins family (Pan &amp; Tompkins 1985, with the peak-holding and
 * threshold rules of Hamilton &amp; Tompkins 1986): 5–15 Hz band-pass, five-point derivative, squaring,
 * 150 ms moving-window integration, adaptive thresholds over the last eight QRS and noise peaks,
 * search-back at 1.5 mean RR intervals with half the threshold, a 200 ms refractory period and T-wave
 * discrimination by slope.
 *
 * <p>Feed one sample at a time with {@link #accept(int)}; each detected beat is passed to the listener.
 * Memory is fixed at construction (ring buffers sized from the sample rate). A beat is reported at most
 * {@link #maxLatencySamples()} samples after its R wave, except the beats of the first two seconds
 * (the learning period, repeated after 8 s without a beat), which are reported when it ends.
 */
public final class QrsDetector {

    private static final double LOW_CUT_HZ = 5;
    private static final double HIGH_CUT_HZ = 15;
    private static final double THRESHOLD_FRACTION = 0.3125;
    private static final int HISTORY = 8;
    /**
     * Delay of the band-pass at QRS frequencies, subtracted from the strongest band-passed sample to
     * place the R wave; measured on MIT-BIH (the bulk of matched beats sat 3–4 samples late at 360 Hz).
     */
    private static final double GROUP_DELAY_MS = 10;

    private final double sampleRate;
    private final Consumer<Beat> listener;
    private final Biquad highPass;
    private final Biquad lowPass;
    private final MovingIntegral integral;
    private final PeakHistory qrsPeaks = new PeakHistory(HISTORY);
    private final PeakHistory noisePeaks = new PeakHistory(HISTORY);
    private final PeakHistory rrIntervals = new PeakHistory(HISTORY);
    private final Candidate[] learned = new Candidate[16];

    private final int refractory;
    private final int tWaveWindow;
    private final int hold;
    private final int peakTimeout;
    private final int learningPeriod;
    private final int relearnAfter;
    private final int groupDelay;
    private final int maxRr;

    private long n = -1;
    private int offset;
    private double d1;
    private double d2;
    private double d3;
    private double d4;
    private double previous;
    private double peakMax;
    private long peakMaxAt;
    private boolean rising;
    private Candidate held;
    private Candidate searchBack;
    private int learnedCount;
    private long lastQrsAt = -1;
    private double lastQrsSlope;
    private long lastBeat = -1;
    private long learningUntil;
    private double learningFloor;

    /** A detector for signals sampled at {@code sampleRate} Hz, reporting beats to {@code listener}. */
    public QrsDetector(double sampleRate, Consumer<Beat> listener) {
        if (!(sampleRate >= 50 && sampleRate <= 10_000)) {
            throw new IllegalArgumentException("sample rate must be 50–10000 Hz: " + sampleRate);
        }
        this.sampleRate = sampleRate;
        this.listener = Objects.requireNonNull(listener);
        this.highPass = Biquad.highPass(LOW_CUT_HZ, sampleRate);
        this.lowPass = Biquad.lowPass(HIGH_CUT_HZ, sampleRate);
        int window = samples(150);
        this.integral = new MovingIntegral(window, window + samples(250));
        this.refractory = samples(200);
        this.tWaveWindow = samples(360);
        this.hold = samples(200);
        this.peakTimeout = samples(95);
        this.learningPeriod = samples(2000);
        this.relearnAfter = samples(8000);
        this.groupDelay = samples(GROUP_DELAY_MS);
        this.maxRr = samples(2000);
        rrIntervals.fill(sampleRate);
        this.learningUntil = learningPeriod;
    }

    /** Accepts the next raw sample (ADC units or any linear scale). */
    public void accept(int sample) {
        n++;
        if (n == 0) {
            offset = sample; // start the filters from rest so a flat line gives exactly zero
        }
        double band = lowPass.filter(highPass.filter(sample - offset));
        double slope = (2 * band + d1 - d3 - 2 * d4) / 8;
        d4 = d3;
        d3 = d2;
        d2 = d1;
        d1 = band;
        double energy = integral.add(band, Math.abs(slope), slope * slope);
        detectPeak(energy);
        if (held != null && n - held.at() > hold) {
            classify(held);
            held = null;
        }
        if (n == learningUntil) {
            endLearning();
        } else if (n - Math.max(lastQrsAt, learningUntil) > relearnAfter) {
            startRelearning();
        }
        checkSearchBack();
    }

    /** Upper bound on the delay between an R wave and its report, after the learning period. */
    public long maxLatencySamples() {
        return (long) (1.5 * maxRr) + hold + peakTimeout + integral.window() + groupDelay;
    }

    public double sampleRate() {
        return sampleRate;
    }

    private void detectPeak(double energy) {
        if (energy > previous) {
            rising = true;
        }
        previous = energy;
        if (rising && energy > peakMax) {
            peakMax = energy;
            peakMaxAt = n;
        } else if (peakMax > 0 && (energy < peakMax / 2 || n - peakMaxAt > peakTimeout)) {
            onPeak(peakMax, peakMaxAt);
            peakMax = 0;
            rising = false;
        }
    }

    private void onPeak(double value, long at) {
        long from = Math.max(at - integral.window(), n - integral.capacity() + 1);
        Candidate c = new Candidate(value, at, integral.maxSlope(from, at, n),
                integral.strongest(from, at, n) - groupDelay);
        if (held == null || c.at() - held.at() > hold) {
            if (held != null) {
                classify(held);
            }
            held = c;
        } else if (c.value() > held.value()) {
            held = c;
        }
    }

    private void classify(Candidate c) {
        if (n <= learningUntil) {
            if (learnedCount < learned.length) {
                learned[learnedCount++] = c;
            }
            return;
        }
        decide(c);
    }

    /**
     * No beat for 8 s: the thresholds may be stuck above the signal (after a large artifact), so learn
     * them again for 2 s, as Hamilton &amp; Tompkins' detector does. Peaks below 1 % of the old QRS level
     * (filter ringing on a flat line) do not reset the thresholds, so asystole stays beat-free.
     */
    private void startRelearning() {
        learningUntil = n + learningPeriod;
        learningFloor = 0.01 * qrsPeaks.mean();
        searchBack = null;
    }

    private void endLearning() {
        double max = 0;
        for (int i = 0; i < learnedCount; i++) {
            max = Math.max(max, learned[i].value());
        }
        if (max > learningFloor) {
            qrsPeaks.fill(max);
            noisePeaks.fill(0);
        }
        for (int i = 0; i < learnedCount; i++) {
            decide(learned[i]);
            learned[i] = null;
        }
        learnedCount = 0;
    }

    private void decide(Candidate c) {
        if (lastQrsAt >= 0 && c.at() - lastQrsAt < refractory) {
            return;
        }
        if (c.value() > threshold() && !isTWave(c)) {
            beat(c);
        } else {
            noisePeaks.add(c.value());
            if (searchBack == null || c.value() > searchBack.value()) {
                searchBack = c;
            }
        }
    }

    private boolean isTWave(Candidate c) {
        return lastQrsAt >= 0 && c.at() - lastQrsAt < tWaveWindow && c.slope() < 0.5 * lastQrsSlope;
    }

    private void checkSearchBack() {
        if (searchBack == null || lastQrsAt < 0 || n <= learningUntil) {
            return;
        }
        if (n - searchBack.fiducial() > maxLatencySamples()) {
            searchBack = null; // too old to report within the latency bound
            return;
        }
        double rr = Math.min(rrIntervals.mean(), maxRr);
        if (n - lastQrsAt > 1.5 * rr + hold && searchBack.value() > threshold() / 2) {
            beat(searchBack);
        }
    }

    private double threshold() {
        double noise = noisePeaks.mean();
        return noise + THRESHOLD_FRACTION * (qrsPeaks.mean() - noise);
    }

    private void beat(Candidate c) {
        long rr = lastBeat >= 0 ? c.fiducial() - lastBeat : 0;
        if (lastQrsAt >= 0) {
            rrIntervals.add(c.at() - lastQrsAt);
        }
        qrsPeaks.add(c.value());
        lastQrsAt = c.at();
        lastQrsSlope = c.slope();
        lastBeat = c.fiducial();
        searchBack = null;
        listener.accept(new Beat(c.fiducial(), rr, rr > 0 ? 60 * sampleRate / rr : 0));
    }

    private int samples(double ms) {
        return (int) Math.round(ms * sampleRate / 1000);
    }

    private record Candidate(double value, long at, double slope, long fiducial) {
    }
}
