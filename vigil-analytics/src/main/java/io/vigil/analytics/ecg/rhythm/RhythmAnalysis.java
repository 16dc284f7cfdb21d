package io.vigil.analytics.ecg.rhythm;

import io.vigil.analytics.ecg.Beat;
import io.vigil.analytics.ecg.QrsDetector;
import io.vigil.analytics.ecg.rhythm.RhythmEvent.Change;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Streaming rhythm analysis of one ECG lead: QRS detection ({@link QrsDetector}), a mean heart rate every few
 * seconds, and the conditions of {@link RhythmCondition} — asystole, brady- and tachycardia by rate, atrial
 * fibrillation by RR irregularity ({@link RrIrregularity}), and the technical ones, leads off (reported by the
 * device) and noise ({@link NoiseGauge}). While the leads are off or the signal is noisy no physiological
 * condition is raised (the analysis cannot see the heart) and the RR history restarts afterwards.
 * Time is the sample index; memory is fixed. Not for clinical use.
 */
public final class RhythmAnalysis {
    /** Three noisy seconds in a row raise noise; three clean ones clear it. */
    private static final int NOISE_SECONDS = 3;
    private static final int AF_EVERY_BEATS = 8;
    private static final double AF_CLEAR_FRACTION = 0.9;
    private static final double RATE_HYSTERESIS = 5;

    private final double sampleRate;
    private final RhythmSettings settings;
    private final Consumer<RhythmEvent> events;
    private final QrsDetector detector;
    private final NoiseGauge noise;
    private final double[] rr;
    private final long asystoleSamples;
    private final long ratePeriod;
    private final Set<RhythmCondition> raised = EnumSet.noneOf(RhythmCondition.class);

    private long n = -1;
    private int lastSample;
    private boolean leadsOff;
    private int noisySeconds;
    private int cleanSeconds;
    private long lastBeat;
    private long interruptedAt = Long.MIN_VALUE;
    private int rrCount;
    private int rrNext;
    private int beatsSinceAf;
    private double periodRrSum;
    private int periodBeats;
    private long nextRateAt;

    /**
     * @param gainPerMillivolt ADC units per mV (for the noise gauge's amplitude floor)
     * @param events           receives beats, rates and condition changes, on the caller's thread
     */
    public RhythmAnalysis(double sampleRate, double gainPerMillivolt, RhythmSettings settings,
                          Consumer<RhythmEvent> events) {
        this.sampleRate = sampleRate;
        this.settings = Objects.requireNonNull(settings);
        this.events = Objects.requireNonNull(events);
        this.detector = new QrsDetector(sampleRate, this::onBeat);
        this.noise = new NoiseGauge(sampleRate, gainPerMillivolt, settings.noiseRatio());
        this.rr = new double[settings.afWindowBeats()];
        this.asystoleSamples = Math.round(settings.asystoleSeconds() * sampleRate);
        this.ratePeriod = Math.round(settings.heartRateEverySeconds() * sampleRate);
        this.nextRateAt = ratePeriod;
    }

    /** Feeds samples that follow the previous ones without a gap; {@code leadsOff} as the device reports it. */
    public void accept(int[] samples, boolean leadsOff) {
        for (int s : samples) {
            accept(s, leadsOff);
        }
    }

    public void accept(int sample, boolean leadsOffNow) {
        n++;
        if (leadsOffNow != leadsOff) {
            leadsOff = leadsOffNow;
            change(RhythmCondition.LEADS_OFF, leadsOffNow, 1);
            interrupt();
        }
        if (!leadsOffNow) {
            lastSample = sample;
            Boolean noisy = noise.add(sample);
            if (noisy != null) {
                onSecond(noisy);
            }
        }
        // During leads off the detector sees a flat line at the last good value: it stays beat-free.
        detector.accept(lastSample);
        if (n >= nextRateAt) {
            onRatePeriod();
            nextRateAt += ratePeriod;
        }
        if (analysable() && n - lastBeat > asystoleSamples && !raised.contains(RhythmCondition.ASYSTOLE)) {
            change(RhythmCondition.ASYSTOLE, true, (n - lastBeat) / sampleRate);
        }
    }

    public double sampleRate() {
        return sampleRate;
    }

    private boolean analysable() {
        return !leadsOff && !raised.contains(RhythmCondition.NOISE);
    }

    private void onSecond(boolean noisy) {
        noisySeconds = noisy ? noisySeconds + 1 : 0;
        cleanSeconds = noisy ? 0 : cleanSeconds + 1;
        if (noisySeconds == NOISE_SECONDS && !raised.contains(RhythmCondition.NOISE)) {
            change(RhythmCondition.NOISE, true, noise.lastRatio());
            interrupt();
        } else if (cleanSeconds == NOISE_SECONDS && raised.contains(RhythmCondition.NOISE)) {
            change(RhythmCondition.NOISE, false, noise.lastRatio());
            interrupt();
        }
    }

    /** Leads off or noise began or ended: RR history restarts, and the asystole clock with it. */
    private void interrupt() {
        interruptedAt = n;
        lastBeat = n;
        rrCount = 0;
        rrNext = 0;
        beatsSinceAf = 0;
        periodRrSum = 0;
        periodBeats = 0;
        for (RhythmCondition c : new RhythmCondition[] {RhythmCondition.ASYSTOLE, RhythmCondition.ATRIAL_FIBRILLATION}) {
            if (raised.contains(c) && !analysable()) {
                change(c, false, 0);
            }
        }
    }

    private void onBeat(Beat beat) {
        if (!analysable()) {
            return;
        }
        events.accept(new RhythmEvent.BeatDetected(beat));
        if (raised.contains(RhythmCondition.ASYSTOLE)) {
            change(RhythmCondition.ASYSTOLE, false, (beat.sample() - lastBeat) / sampleRate);
        }
        boolean continuous = beat.rrSamples() > 0 && beat.sample() - beat.rrSamples() > interruptedAt;
        lastBeat = Math.max(lastBeat, beat.sample());
        if (!continuous) {
            return;
        }
        double seconds = beat.rrSamples() / sampleRate;
        periodRrSum += seconds;
        periodBeats++;
        rr[rrNext] = seconds;
        rrNext = (rrNext + 1) % rr.length;
        rrCount = Math.min(rr.length, rrCount + 1);
        if (rrCount == rr.length && ++beatsSinceAf >= AF_EVERY_BEATS) {
            beatsSinceAf = 0;
            judgeAf();
        }
    }

    private void judgeAf() {
        double[] window = new double[rr.length];
        for (int i = 0; i < rr.length; i++) {
            window[i] = rr[(rrNext + i) % rr.length];
        }
        RrIrregularity irregularity = RrIrregularity.of(window);
        boolean on = raised.contains(RhythmCondition.ATRIAL_FIBRILLATION);
        double factor = on ? AF_CLEAR_FRACTION : 1;
        boolean irregular = irregularity.normalisedRmssd() > factor * settings.afMinRmssd()
                && irregularity.entropy() > factor * settings.afMinEntropy()
                && irregularity.dispersion() > factor * settings.afMinDispersion();
        if (irregular != on) {
            change(RhythmCondition.ATRIAL_FIBRILLATION, irregular, irregularity.normalisedRmssd());
        }
    }

    private void onRatePeriod() {
        if (raised.contains(RhythmCondition.ASYSTOLE)) {
            events.accept(new RhythmEvent.Condition(RhythmCondition.ASYSTOLE, Change.CONTINUING,
                    (n - lastBeat) / sampleRate, n));
        }
        if (periodBeats == 0 || !analysable()) {
            return;
        }
        double bpm = 60 * periodBeats / periodRrSum;
        events.accept(new RhythmEvent.HeartRate(n, bpm, periodBeats));
        periodRrSum = 0;
        periodBeats = 0;
        rate(RhythmCondition.BRADYCARDIA, bpm < settings.bradycardiaBelow(),
                bpm >= settings.bradycardiaBelow() + RATE_HYSTERESIS, bpm);
        rate(RhythmCondition.TACHYCARDIA, bpm > settings.tachycardiaAbove(),
                bpm <= settings.tachycardiaAbove() - RATE_HYSTERESIS, bpm);
    }

    private void rate(RhythmCondition condition, boolean breached, boolean recovered, double bpm) {
        boolean on = raised.contains(condition);
        if (!on && breached) {
            change(condition, true, bpm);
        } else if (on && recovered) {
            change(condition, false, bpm);
        } else if (on) {
            events.accept(new RhythmEvent.Condition(condition, Change.CONTINUING, bpm, n));
        }
    }

    private void change(RhythmCondition condition, boolean on, double value) {
        if (on ? raised.add(condition) : raised.remove(condition)) {
            events.accept(new RhythmEvent.Condition(condition, on ? Change.RAISED : Change.CLEARED, value, n));
        }
    }
}
