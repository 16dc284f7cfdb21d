package io.vigil.server.waveform;

import io.vigil.analytics.ecg.QrsDetector;
import io.vigil.analytics.ecg.rhythm.RrIrregularity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A window of a patient's signal as the API answers it: the stored frames joined into contiguous segments (a new
 * segment wherever the stream breaks or its scaling changes) and cut to the window, the beats a fresh QRS
 * detector finds in them, and the recorded breaks. The detector starts {@link #PRE_ROLL} before the window when
 * the data reach back that far, so the window's first beats are found after its learning period.
 *
 * @param beats           R-wave times with the instantaneous heart rate (/min, 0 for a segment's first beat)
 * @param variability     heart-rate variability of the window's RR intervals, or null with fewer than 16
 */
record WaveformWindow(String signal, Instant from, Instant to, List<Segment> segments, List<BeatMark> beats,
                      Variability variability, List<Discontinuity> discontinuities) {

    static final Duration PRE_ROLL = Duration.ofSeconds(10);

    record Segment(Instant start, double sampleRate, String unit, double gain, int baseline, boolean leadsOff,
                   int[] samples) {}

    record BeatMark(Instant time, double heartRate) {}

    /** Time-domain HRV of the window (ms), from {@link RrIrregularity} (the longest and shortest 1/16 dropped). */
    record Variability(int intervals, double meanRrMs, double sdnnMs, double rmssdMs) {
        static Variability of(List<BeatMark> beats) {
            double[] rr = beats.stream().filter(b -> b.heartRate() > 0).mapToDouble(b -> 60 / b.heartRate()).toArray();
            if (rr.length < 16) {
                return null;
            }
            RrIrregularity r = RrIrregularity.of(rr);
            return new Variability(rr.length, Math.round(r.meanRr() * 1000), Math.round(r.sdnn() * 10000) / 10.0,
                    Math.round(r.rmssd() * 10000) / 10.0);
        }
    }

    /** Builds the window from frames covering [from − pre-roll, to), oldest first. */
    static WaveformWindow of(String signal, Instant from, Instant to, List<StoredChunk> chunks,
                             List<Discontinuity> discontinuities, boolean ecg) {
        List<Segment> segments = new ArrayList<>();
        List<BeatMark> beats = new ArrayList<>();
        for (List<StoredChunk> run : runs(chunks)) {
            StoredChunk first = run.getFirst();
            int[] samples = run.stream().flatMapToInt(c -> Arrays.stream(c.samples())).toArray();
            boolean leadsOff = run.stream().anyMatch(StoredChunk::leadsOff);
            if (ecg && !leadsOff) {
                QrsDetector detector = new QrsDetector(first.sampleRate(), b -> {
                    Instant t = first.timeOf(b.sample());
                    if (!t.isBefore(from) && t.isBefore(to)) {
                        beats.add(new BeatMark(t, Math.round(b.heartRate() * 10) / 10.0));
                    }
                });
                for (int s : samples) {
                    detector.accept(s);
                }
            }
            int lo = (int) Math.max(0, Math.ceil(Duration.between(first.start(), from).toNanos() * first.sampleRate() / 1e9));
            int hi = (int) Math.min(samples.length, Math.ceil(Duration.between(first.start(), to).toNanos() * first.sampleRate() / 1e9));
            if (lo < hi) {
                segments.add(new Segment(first.timeOf(lo), first.sampleRate(), first.unit(), first.gain(), first.baseline(),
                        leadsOff, Arrays.copyOfRange(samples, lo, hi)));
            }
        }
        return new WaveformWindow(signal, from, to, segments, beats, Variability.of(beats), discontinuities);
    }

    /** Consecutive frames that continue each other (within a sample period, same rate and scaling). */
    private static List<List<StoredChunk>> runs(List<StoredChunk> chunks) {
        List<List<StoredChunk>> runs = new ArrayList<>();
        List<StoredChunk> current = new ArrayList<>();
        for (StoredChunk c : chunks) {
            if (!current.isEmpty() && !continues(current.getLast(), c)) {
                runs.add(current);
                current = new ArrayList<>();
            }
            current.add(c);
        }
        if (!current.isEmpty()) {
            runs.add(current);
        }
        return runs;
    }

    private static boolean continues(StoredChunk a, StoredChunk b) {
        return a.sampleRate() == b.sampleRate() && a.gain() == b.gain() && a.baseline() == b.baseline()
                && a.unit().equals(b.unit()) && a.leadsOff() == b.leadsOff()
                && Duration.between(a.end(), b.start()).abs().toNanos() <= 1e9 / a.sampleRate();
    }
}
