package io.vigil.server.launch;

import io.vigil.analytics.ecg.BeatScore;
import io.vigil.analytics.ecg.Ec57Evaluation;
import io.vigil.analytics.ecg.MitBihEvaluation;
import io.vigil.analytics.ecg.rhythm.AfEvaluation;
import io.vigil.analytics.ecg.rhythm.RhythmAnalysis;
import io.vigil.analytics.ecg.rhythm.RhythmSettings;
import io.vigil.analytics.ecg.wfdb.WfdbRecord;
import io.vigil.codec.waveform.SampleDeltas;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code vigil ecg-eval <record-dir>}: reads every WFDB record in the folder, then prints
 * <ol>
 *   <li>the QRS detector's per-record and gross sensitivity and positive predictivity, EC57 style (beat-by-beat
 *       within 150 ms, the first 5 minutes not scored), on lead MLII (else the first signal);</li>
 *   <li>the speed of the whole rhythm analysis (QRS detection, rate, AF, noise; files already read) as a multiple
 *       of real time on one thread;</li>
 *   <li>atrial fibrillation per episode and by duration on every record (those without {@code (AFIB} count for
 *       specificity);</li>
 *   <li>the stored size of the samples, compressed as Vigil stores them (1 s chunks, zig-zag delta varint).</li>
 * </ol>
 */
final class EcgEvalCommand {
    private static final int WARM_UP_ROUNDS = 2;

    private EcgEvalCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 1 || args[0].startsWith("-")) {
            err.println("usage: vigil ecg-eval <record-dir>   (a folder of WFDB records: .hea, .dat format 212, .atr)");
            return 2;
        }
        Map<String, WfdbRecord> records;
        try {
            records = MitBihEvaluation.readAll(Path.of(args[0]));
        } catch (IOException e) {
            err.println("cannot read the records: " + e.getMessage());
            return 1;
        }
        if (records.isEmpty()) {
            err.println("no WFDB records (.hea) in " + args[0]);
            return 1;
        }
        out.println("QRS detection, ANSI/AAMI EC57 beat-by-beat (150 ms match window, first "
                + (int) Ec57Evaluation.LEARNING_SECONDS / 60 + " min not scored):");
        List<BeatScore> scores = new ArrayList<>();
        records.forEach((name, rec) -> scores.add(MitBihEvaluation.score(name, rec)));
        MitBihEvaluation.print(scores, out);
        out.println();
        speed(records, out);
        out.println();
        out.println("Atrial fibrillation (rhythm annotations \"(AFIB\"), per episode and by duration:");
        List<AfEvaluation> af = new ArrayList<>();
        records.forEach((name, rec) -> af.add(AfEvaluation.score(name, rec, MitBihEvaluation.analysisLead(rec), RhythmSettings.defaults())));
        AfEvaluation.print(af, out);
        out.println();
        compression(records, out);
        out.println("\nNot for clinical use.");
        return 0;
    }

    /** Rhythm analysis over every record's lead, files already in memory; best of a few rounds after warm-up. */
    private static void speed(Map<String, WfdbRecord> records, PrintStream out) {
        double signalSeconds = 0;
        long samples = 0;
        for (WfdbRecord rec : records.values()) {
            signalSeconds += rec.header().samplesPerSignal() / rec.header().sampleRate();
            samples += rec.header().samplesPerSignal();
        }
        double best = Double.MAX_VALUE;
        long sink = 0;
        for (int round = 0; round < WARM_UP_ROUNDS + 3; round++) {
            long t0 = System.nanoTime();
            for (WfdbRecord rec : records.values()) {
                long[] events = {0};
                RhythmAnalysis analysis = new RhythmAnalysis(rec.header().sampleRate(), 200, RhythmSettings.defaults(),
                        e -> events[0]++);
                analysis.accept(rec.signals()[MitBihEvaluation.analysisLead(rec)], false);
                sink += events[0];
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (round >= WARM_UP_ROUNDS) {
                best = Math.min(best, seconds);
            }
        }
        out.printf(Locale.ROOT, "Speed: rhythm analysis (QRS, rate, AF, noise) of %d records, %.0f s of ECG (%d samples)"
                        + " in %.2f s on one thread: %.0fx real time (%.0f ns a sample; %d events)%n",
                records.size(), signalSeconds, samples, best, signalSeconds / best, best * 1e9 / samples, sink);
    }

    /** Both signals of every record in 1 s chunks, as the waveform store keeps them. */
    private static void compression(Map<String, WfdbRecord> records, PrintStream out) {
        long samples = 0;
        long bytes = 0;
        for (WfdbRecord rec : records.values()) {
            int chunk = (int) Math.round(rec.header().sampleRate());
            for (int[] signal : rec.signals()) {
                for (int from = 0; from < signal.length; from += chunk) {
                    bytes += SampleDeltas.encode(signal, from, Math.min(signal.length, from + chunk)).length;
                }
                samples += signal.length;
            }
        }
        out.printf(Locale.ROOT, "Storage: %d samples in %d bytes compressed (zig-zag delta varint, 1 s chunks):"
                + " %.3f bytes a sample (format 212 on disk: 1.5)%n", samples, bytes, (double) bytes / samples);
    }
}
