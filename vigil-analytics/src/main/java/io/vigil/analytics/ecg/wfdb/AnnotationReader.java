package io.vigil.analytics.ecg.wfdb;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes the MIT annotation format: 16-bit little-endian words, code in the top 6 bits, time increment
 * (or argument) in the low 10; SKIP, NUM, SUB, CHN and AUX pseudo-codes modify the time or the annotation
 * they follow.
 */
public final class AnnotationReader {

    private static final int SKIP = 59;
    private static final int NUM = 60;
    private static final int SUB = 61;
    private static final int CHN = 62;
    private static final int AUX = 63;

    private AnnotationReader() {
    }

    public static WfdbRead<List<Annotation>> decode(byte[] data) {
        List<Annotation> out = new ArrayList<>();
        long time = 0;
        int number = 0;
        int channel = 0;
        Pending pending = null;
        int pos = 0;
        while (true) {
            if (pos + 2 > data.length) {
                return WfdbRead.failure("truncated annotation file: no end-of-file word", pos);
            }
            int word = word(data, pos);
            int code = word >>> 10;
            int arg = word & 0x3FF;
            pos += 2;
            if (code == 0 && arg == 0) {
                flush(out, pending);
                return WfdbRead.ok(out);
            }
            switch (code) {
                case SKIP -> {
                    if (pos + 4 > data.length) {
                        return WfdbRead.failure("truncated SKIP interval", pos);
                    }
                    time += (long) (word(data, pos) << 16 | word(data, pos + 2));
                    pos += 4;
                }
                case NUM -> {
                    number = signed10(arg);
                    if (pending != null) {
                        pending.number = number;
                    }
                }
                case SUB -> {
                    if (pending != null) {
                        pending.subtype = signed10(arg);
                    }
                }
                case CHN -> {
                    channel = arg;
                    if (pending != null) {
                        pending.channel = channel;
                    }
                }
                case AUX -> {
                    int padded = arg + (arg & 1);
                    if (pos + padded > data.length) {
                        return WfdbRead.failure("truncated auxiliary text", pos);
                    }
                    if (pending != null) {
                        pending.aux = auxText(data, pos, arg);
                    }
                    pos += padded;
                }
                default -> {
                    flush(out, pending);
                    time += arg;
                    pending = new Pending(time, code, number, channel);
                }
            }
        }
    }

    private static int word(byte[] data, int pos) {
        return (data[pos] & 0xFF) | (data[pos + 1] & 0xFF) << 8;
    }

    private static int signed10(int v) {
        return v >= 512 ? v - 1024 : v;
    }

    private static String auxText(byte[] data, int pos, int length) {
        int end = pos;
        while (end < pos + length && data[end] != 0) {
            end++;
        }
        return new String(data, pos, end - pos, StandardCharsets.ISO_8859_1);
    }

    private static void flush(List<Annotation> out, Pending p) {
        if (p != null) {
            out.add(new Annotation(p.sample, p.code, p.subtype, p.channel, p.number, p.aux));
        }
    }

    private static final class Pending {
        final long sample;
        final int code;
        int subtype;
        int channel;
        int number;
        String aux = "";

        Pending(long sample, int code, int number, int channel) {
            this.sample = sample;
            this.code = code;
            this.number = number;
            this.channel = channel;
        }
    }
}
