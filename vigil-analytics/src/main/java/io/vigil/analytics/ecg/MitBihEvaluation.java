package io.vigil.analytics.ecg;

import io.vigil.analytics.ecg.wfdb.HeaderParser;
import io.vigil.analytics.ecg.wfdb.WfdbRead;
import io.vigil.analytics.ecg.wfdb.WfdbRecord;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Runs the {@link QrsDetector} over every WFDB record in a folder (lead MLII when the record has it,
 * otherwise the first signal) and scores it with {@link Ec57Evaluation}.
 *
 * <p>Command: {@code java -cp vigil-analytics/target/classes io.vigil.analytics.ecg.MitBihEvaluation <record-dir>}
 */
public final class MitBihEvaluation {

    private MitBihEvaluation() {
    }

    /** Per-record scores, in record-name order; the gross score is {@link #gross(List)}. */
    public static List<BeatScore> evaluate(Path folder) throws IOException {
        List<BeatScore> scores = new ArrayList<>();
        readAll(folder).forEach((name, rec) -> scores.add(score(name, rec)));
        return scores;
    }

    /** Every WFDB record ({@code .hea}) in the folder, by name in name order. */
    public static Map<String, WfdbRecord> readAll(Path folder) throws IOException {
        List<String> names;
        try (Stream<Path> files = Files.list(folder)) {
            names = files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".hea"))
                    .map(f -> f.substring(0, f.length() - 4)).sorted().toList();
        }
        Map<String, WfdbRecord> records = new LinkedHashMap<>();
        for (String name : names) {
            switch (WfdbRecord.read(folder, name)) {
                case WfdbRead.Ok<WfdbRecord>(WfdbRecord rec) -> records.put(name, rec);
                case WfdbRead.Failure<WfdbRecord> f -> throw new IOException(name + ": " + f.reason());
            }
        }
        return records;
    }

    /** Detects beats on the record's analysis lead and scores them against its reference beats. */
    public static BeatScore score(String name, WfdbRecord rec) {
        long[] detected = detect(rec.signals()[analysisLead(rec)], rec.header().sampleRate());
        return Ec57Evaluation.score(name, rec.referenceBeats(), detected, rec.header().sampleRate(),
                Ec57Evaluation.LEARNING_SECONDS);
    }

    /** Runs a fresh detector over a whole signal; returns the detected R-wave sample indices. */
    public static long[] detect(int[] signal, double sampleRate) {
        List<Long> beats = new ArrayList<>();
        QrsDetector detector = new QrsDetector(sampleRate, b -> beats.add(b.sample()));
        for (int s : signal) {
            detector.accept(s);
        }
        return beats.stream().mapToLong(Long::longValue).toArray();
    }

    /** The lead analysed: MLII when the record has it, otherwise the first signal. */
    public static int analysisLead(WfdbRecord rec) {
        return Math.max(0, rec.header().signalIndex("MLII"));
    }

    public static BeatScore gross(List<BeatScore> scores) {
        return scores.stream().reduce(new BeatScore("gross", 0, 0, 0), (a, b) -> a.plus(b, "gross"));
    }

    /** Prints the per-record table and the gross line. */
    public static void print(List<BeatScore> scores, PrintStream out) {
        out.println("record      TP     FN     FP      Se      +P");
        for (BeatScore s : scores) {
            out.println(line(s));
        }
        out.println(line(gross(scores)));
    }

    private static String line(BeatScore s) {
        return String.format(Locale.ROOT, "%-7s %6d %6d %6d  %6.2f%%  %6.2f%%", s.record(), s.truePositives(),
                s.falseNegatives(), s.falsePositives(), 100 * s.sensitivity(), 100 * s.positivePredictivity());
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: MitBihEvaluation <record-dir>");
            System.exit(2);
        }
        long t0 = System.nanoTime();
        List<BeatScore> scores = evaluate(Path.of(args[0]));
        print(scores, System.out);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double signalSeconds = 0;
        for (BeatScore score : scores) {
            var header = HeaderParser.parse(Files.readString(Path.of(args[0], score.record() + ".hea"))).orElseThrow();
            signalSeconds += header.samplesPerSignal() / header.sampleRate();
        }
        System.out.printf(Locale.ROOT, "%d records in %.1f s, files read included (%.0fx real time on one thread)%n",
                scores.size(), seconds, signalSeconds / seconds);
    }
}
