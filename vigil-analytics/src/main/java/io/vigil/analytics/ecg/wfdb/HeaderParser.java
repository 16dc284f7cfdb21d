package io.vigil.analytics.ecg.wfdb;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses a WFDB {@code .hea} header (single-segment records). Offsets in failures are line numbers (1-based).
 */
public final class HeaderParser {

    private static final double DEFAULT_SAMPLE_RATE = 250;
    private static final double DEFAULT_GAIN = 200;

    private HeaderParser() {
    }

    public static WfdbRead<RecordHeader> parse(String text) {
        List<String[]> lines = new ArrayList<>();
        List<Integer> lineNumbers = new ArrayList<>();
        String[] raw = text.split("\\R");
        for (int i = 0; i < raw.length; i++) {
            String line = raw[i].strip();
            if (!line.isEmpty() && !line.startsWith("#")) {
                lines.add(line.split("\\s+"));
                lineNumbers.add(i + 1);
            }
        }
        if (lines.isEmpty()) {
            return WfdbRead.failure("header has no record line", 0);
        }
        try {
            return parseLines(lines, lineNumbers);
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            return WfdbRead.failure("malformed header: " + e.getMessage(), lineNumbers.getFirst());
        }
    }

    private static WfdbRead<RecordHeader> parseLines(List<String[]> lines, List<Integer> lineNumbers) {
        String[] record = lines.getFirst();
        if (record.length < 2 || record[0].contains("/")) {
            return WfdbRead.failure("record line needs a name and a signal count (multi-segment unsupported)", lineNumbers.getFirst());
        }
        int signalCount = Integer.parseInt(record[1]);
        double sampleRate = record.length > 2 ? Double.parseDouble(record[2].split("[/(]")[0]) : DEFAULT_SAMPLE_RATE;
        long length = record.length > 3 ? Long.parseLong(record[3]) : 0;
        if (signalCount < 0 || sampleRate <= 0 || length < 0) {
            return WfdbRead.failure("record line has a negative or zero field", lineNumbers.getFirst());
        }
        if (lines.size() - 1 < signalCount) {
            return WfdbRead.failure("header declares " + signalCount + " signals but has " + (lines.size() - 1),
                    lineNumbers.getLast());
        }
        List<SignalSpec> signals = new ArrayList<>();
        for (int i = 1; i <= signalCount; i++) {
            signals.add(parseSignal(lines.get(i)));
        }
        return WfdbRead.ok(new RecordHeader(record[0], sampleRate, length, signals));
    }

    private static SignalSpec parseSignal(String[] f) {
        int format = Integer.parseInt(f[1].split("[x:+]")[0]);
        double gain = DEFAULT_GAIN;
        Integer baseline = null;
        if (f.length > 2) {
            String g = f[2];
            int paren = g.indexOf('(');
            String gainText = g.split("[(/]")[0];
            gain = Double.parseDouble(gainText);
            if (paren >= 0) {
                baseline = Integer.parseInt(g.substring(paren + 1, g.indexOf(')')));
            }
            if (gain == 0) {
                gain = DEFAULT_GAIN;
            }
        }
        int resolution = f.length > 3 ? Integer.parseInt(f[3]) : 12;
        int adcZero = f.length > 4 ? Integer.parseInt(f[4]) : 0;
        int first = f.length > 5 ? Integer.parseInt(f[5]) : 0;
        int checksum = f.length > 6 ? Integer.parseInt(f[6]) : 0;
        String description = f.length > 8 ? String.join(" ", java.util.Arrays.copyOfRange(f, 8, f.length)) : "";
        return new SignalSpec(f[0], format, gain, baseline == null ? adcZero : baseline, resolution, adcZero,
                first, checksum, description);
    }
}
