package io.vigil.codec.waveform;

import java.io.ByteArrayOutputStream;
import java.time.Instant;

/** Writes the binary frame {@link WaveformFrameDecoder} reads; used by the simulator, tests and device makers. */
public final class WaveformFrameEncoder {

    private WaveformFrameEncoder() {
    }

    /**
     * Encodes {@code frame} with its samples in {@code format}.
     *
     * @throws IllegalArgumentException when the frame cannot be represented (no samples or over 65535, an int16
     *                                  format with a sample outside −32768…32767, an unknown unit)
     */
    public static byte[] encode(WaveformFrame frame, SampleFormat format) {
        int count = frame.samples().length;
        if (count == 0 || count > 0xFFFF) {
            throw new IllegalArgumentException("a frame carries 1 to 65535 samples: " + count);
        }
        WaveformUnit unit = WaveformUnit.ofUcum(frame.unit())
                .orElseThrow(() -> new IllegalArgumentException("unit " + frame.unit() + " has no frame code"));
        ByteArrayOutputStream out = new ByteArrayOutputStream(WaveformFrameDecoder.HEADER_BYTES + count * 2);
        out.write(WaveformFrameDecoder.MAGIC_0);
        out.write(WaveformFrameDecoder.MAGIC_1);
        out.write(WaveformFrameDecoder.VERSION);
        out.write(format.id());
        out.write(frame.leadsOff() ? WaveformFrameDecoder.LEADS_OFF : 0);
        out.write(0);
        le(out, count, 2);
        le(out, frame.sequence(), 4);
        le(out, micros(frame.start()), 8);
        le(out, Math.round(frame.sampleRate() * 1000), 4);
        le(out, frame.signal().mdcCode(), 4);
        le(out, unit.mdcCode(), 4);
        le(out, Float.floatToIntBits((float) frame.gain()), 4);
        le(out, frame.baseline(), 4);
        switch (format) {
            case INT16 -> {
                for (int s : frame.samples()) {
                    if (s != (short) s) {
                        throw new IllegalArgumentException("sample " + s + " does not fit int16");
                    }
                    le(out, s, 2);
                }
            }
            case INT32 -> {
                for (int s : frame.samples()) {
                    le(out, s, 4);
                }
            }
            case DELTA_VARINT -> out.writeBytes(SampleDeltas.encode(frame.samples()));
        }
        return out.toByteArray();
    }

    private static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
    }

    private static void le(ByteArrayOutputStream out, long value, int bytes) {
        for (int i = 0; i < bytes; i++) {
            out.write((int) (value >>> (8 * i)) & 0xFF);
        }
    }
}
