package io.vigil.codec.waveform;

import java.io.ByteArrayOutputStream;

/**
 * Lossless sample compression: each sample as its difference from the previous one (the first from zero),
 * zig-zag mapped to an unsigned number and written as a LEB128 variable-length integer (7 bits a byte, low
 * groups first, high bit = more follows). A smooth ECG at 360 Hz / 11 bit needs about one byte a sample.
 * Used by the waveform frame (sample format 3) and by Vigil's stored chunks.
 */
public final class SampleDeltas {
    /** A 32-bit difference needs at most five 7-bit groups. */
    private static final int MAX_BYTES_PER_SAMPLE = 5;

    private SampleDeltas() {
    }

    public static byte[] encode(int[] samples) {
        return encode(samples, 0, samples.length);
    }

    public static byte[] encode(int[] samples, int from, int to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(16, (to - from) * 2));
        int previous = 0;
        for (int i = from; i < to; i++) {
            long delta = (long) samples[i] - previous;
            previous = samples[i];
            long zigzag = (delta << 1) ^ (delta >> 63);
            while ((zigzag & ~0x7FL) != 0) {
                out.write((int) (zigzag & 0x7F) | 0x80);
                zigzag >>>= 7;
            }
            out.write((int) zigzag);
        }
        return out.toByteArray();
    }

    /**
     * Decodes {@code count} samples from {@code bytes[offset..]} into {@code into}; returns the offset after the
     * last one, or {@code -(offset of the fault) - 1} when the bytes end early or a value does not fit 32 bits.
     */
    public static int decode(byte[] bytes, int offset, int count, int[] into) {
        int at = offset;
        long previous = 0;
        for (int i = 0; i < count; i++) {
            long zigzag = 0;
            int shift = 0;
            int start = at;
            while (true) {
                if (at >= bytes.length) {
                    return -at - 1;
                }
                int b = bytes[at++];
                zigzag |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    break;
                }
                shift += 7;
                if (at - start >= MAX_BYTES_PER_SAMPLE) {
                    return -start - 1;
                }
            }
            long delta = (zigzag >>> 1) ^ -(zigzag & 1);
            long value = previous + delta;
            if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
                return -start - 1;
            }
            into[i] = (int) value;
            previous = value;
        }
        return at;
    }
}
