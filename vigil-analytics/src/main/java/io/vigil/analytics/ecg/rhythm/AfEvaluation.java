package io.vigil.analytics.ecg.rhythm;

import io.vigil.analytics.ecg.wfdb.Annotation;
import io.vigil.analytics.ecg.wfdb.AnnotationCode;
import io.vigil.analytics.ecg.wfdb.WfdbRecord;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Scores the atrial fibrillation condition of {@link RhythmAnalysis} against a record's reference rhythm
 * annotations ({@code (AFIB} starts an episode, the next rhythm annotation ends it), per episode and by duration,
 * in the manner of ANSI/AAMI EC57's AF measures: an episode counts as detected when any detected AF interval
 * overlaps it, and a detected interval counts as true when it overlaps a reference episode.
 *
 * @param record             record name
 * @param referenceEpisodes  reference AF episodes
 * @param detectedEpisodes   reference episodes overlapped by a detection (episode sensitivity = this / reference)
 * @param detections         AF intervals the analysis raised
 * @param trueDetections     detections overlapping a reference episode (episode +P = this / detections)
 * @param afSeconds          reference AF time
 * @param afDetectedSeconds  reference AF time flagged as AF (duration sensitivity)
 * @param otherSeconds       reference non-AF time
 * @param otherFlaggedSeconds non-AF time flagged as AF (duration specificity = 1 − this / other)
 */
public record AfEvaluation(String record, int referenceEpisodes, int detectedEpisodes, int detections,
                           int trueDetections, double afSeconds, double afDetectedSeconds, double otherSeconds,
                           double otherFlaggedSeconds) {

    /** Runs a fresh analysis with {@code settings} over the record's analysis lead and scores it. */
    public static AfEvaluation score(String name, WfdbRecord rec, int lead, RhythmSettings settings) {
        double rate = rec.header().sampleRate();
        long length = rec.header().samplesPerSignal();
        List<long[]> detected = new ArrayList<>();
        long[] open = {-1};
        double gain = rec.header().signals().get(lead).gain();
        RhythmAnalysis analysis = new RhythmAnalysis(rate, gain > 0 ? gain : 200, settings, e -> {
            if (e instanceof RhythmEvent.Condition c && c.condition() == RhythmCondition.ATRIAL_FIBRILLATION) {
                if (c.change() == RhythmEvent.Change.RAISED) {
                    open[0] = c.sample();
                } else if (c.change() == RhythmEvent.Change.CLEARED && open[0] >= 0) {
                    detected.add(new long[] {open[0], c.sample()});
                    open[0] = -1;
                }
            }
        });
        analysis.accept(rec.signals()[lead], false);
        if (open[0] >= 0) {
            detected.add(new long[] {open[0], length});
        }
        return compare(name, reference(rec.annotations(), length), detected, length, rate);
    }

    /** Reference AF episodes [start, end) in samples. */
    static List<long[]> reference(List<Annotation> annotations, long length) {
        List<long[]> episodes = new ArrayList<>();
        long start = -1;
        for (Annotation a : annotations) {
            if (a.code() != AnnotationCode.RHYTHM) {
                continue;
            }
            if (start >= 0) {
                episodes.add(new long[] {start, a.sample()});
                start = -1;
            }
            if (a.aux().startsWith("(AFIB")) {
                start = a.sample();
            }
        }
        if (start >= 0) {
            episodes.add(new long[] {start, length});
        }
        return episodes;
    }

    static AfEvaluation compare(String name, List<long[]> reference, List<long[]> detected, long length, double rate) {
        int found = (int) reference.stream().filter(r -> detected.stream().anyMatch(d -> overlap(r, d) > 0)).count();
        int truthful = (int) detected.stream().filter(d -> reference.stream().anyMatch(r -> overlap(r, d) > 0)).count();
        long af = reference.stream().mapToLong(r -> r[1] - r[0]).sum();
        long afFlagged = 0;
        for (long[] r : reference) {
            for (long[] d : detected) {
                afFlagged += overlap(r, d);
            }
        }
        long flagged = detected.stream().mapToLong(d -> d[1] - d[0]).sum();
        return new AfEvaluation(name, reference.size(), found, detected.size(), truthful, af / rate, afFlagged / rate,
                (length - af) / rate, (flagged - afFlagged) / rate);
    }

    private static long overlap(long[] a, long[] b) {
        return Math.max(0, Math.min(a[1], b[1]) - Math.max(a[0], b[0]));
    }

    public AfEvaluation plus(AfEvaluation o, String name) {
        return new AfEvaluation(name, referenceEpisodes + o.referenceEpisodes, detectedEpisodes + o.detectedEpisodes,
                detections + o.detections, trueDetections + o.trueDetections, afSeconds + o.afSeconds,
                afDetectedSeconds + o.afDetectedSeconds, otherSeconds + o.otherSeconds,
                otherFlaggedSeconds + o.otherFlaggedSeconds);
    }

    public double episodeSensitivity() {
        return referenceEpisodes == 0 ? Double.NaN : (double) detectedEpisodes / referenceEpisodes;
    }

    public double episodePositivePredictivity() {
        return detections == 0 ? Double.NaN : (double) trueDetections / detections;
    }

    public double durationSensitivity() {
        return afSeconds == 0 ? Double.NaN : afDetectedSeconds / afSeconds;
    }

    public double durationSpecificity() {
        return otherSeconds == 0 ? Double.NaN : 1 - otherFlaggedSeconds / otherSeconds;
    }

    public static void print(List<AfEvaluation> scores, PrintStream out) {
        out.println("record  AF episodes  found  alarms  true   AF s    AF s flagged  other s  other s flagged"
                + "  episode Se  episode +P  duration Se  duration Sp");
        AfEvaluation total = new AfEvaluation("gross", 0, 0, 0, 0, 0, 0, 0, 0);
        for (AfEvaluation s : scores) {
            out.println(s.line());
            total = total.plus(s, "gross");
        }
        out.println(total.line());
    }

    private String line() {
        return String.format(Locale.ROOT, "%-7s %11d %6d %7d %5d %7.0f %13.0f %8.0f %16.0f  %10s  %10s  %11s  %11s",
                record, referenceEpisodes, detectedEpisodes, detections, trueDetections, afSeconds, afDetectedSeconds,
                otherSeconds, otherFlaggedSeconds, percent(episodeSensitivity()), percent(episodePositivePredictivity()),
                percent(durationSensitivity()), percent(durationSpecificity()));
    }

    private static String percent(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }
}
