package io.vigil.codec.waveform;

import static io.vigil.codec.ErrorCode.WAVEFORM_INVALID_HEADER;
import static io.vigil.codec.ErrorCode.WAVEFORM_MALFORMED;
import static io.vigil.codec.ErrorCode.WAVEFORM_SIGNAL_MISMATCH;
import static io.vigil.codec.ErrorCode.WAVEFORM_TRUNCATED;

import io.vigil.codec.DecodeError;
import io.vigil.codec.DecodeResult;
import java.time.Instant;
import java.util.Optional;

/**
 * Reads Vigil's binary waveform frame (docs/devices.md, "Waveforms"): a 40-byte little-endian header, then the
 * samples. Pure and thread-safe; failures are values with the byte offset of the fault, never exceptions.
 *
 * <pre>
 *  0  2  magic "VW" (0x56 0x57)          20  4  sample rate, uint32 millihertz (1 Hz … 10 kHz)
 *  2  1  version (1)                     24  4  signal, MDC code (131330 = ECG lead II)
 *  3  1  sample format (1 int16, 2 int32, 28  4  unit, MDC dimension (4274 mV, 4275 µV, 512 none)
 *        3 zig-zag delta varint)         32  4  gain, float32 ADC units per unit (finite, &gt; 0)
 *  4  1  flags (bit 0 leads off)         36  4  baseline, int32 ADC value of zero
 *  5  1  reserved (0)                    40  …  samples
 *  6  2  sample count, uint16 (≥ 1)
 *  8  4  sequence number, uint32
 * 12  8  start, int64 microseconds since 1970-01-01T00:00Z
 * </pre>
 */
public final class WaveformFrameDecoder {
    public static final int HEADER_BYTES = 40;
    public static final int VERSION = 1;
    static final byte MAGIC_0 = 0x56;
    static final byte MAGIC_1 = 0x57;
    static final int LEADS_OFF = 1;
    static final long MIN_RATE_MILLIHERTZ = 1_000;
    static final long MAX_RATE_MILLIHERTZ = 10_000_000;
    /** 2000-01-01T00:00Z and 2100-01-01T00:00Z: a start outside is a device clock that was never set. */
    static final long MIN_START_MICROS = 946_684_800_000_000L;
    static final long MAX_START_MICROS = 4_102_444_800_000_000L;

    /** Decodes a frame published for {@code expected} (the signal its topic or path names), or empty to accept any. */
    public DecodeResult<WaveformFrame> decode(byte[] frame, Optional<WaveformSignal> expected) {
        if (frame.length < 2) {
            return truncated(frame.length, "the magic bytes");
        }
        if (frame[0] != MAGIC_0 || frame[1] != MAGIC_1) {
            return fail(WAVEFORM_MALFORMED, 0, "The frame does not start with the magic bytes 56 57 (\"VW\").");
        }
        if (frame.length < HEADER_BYTES) {
            return truncated(frame.length, "the 40-byte header");
        }
        if ((frame[2] & 0xFF) != VERSION) {
            return fail(WAVEFORM_MALFORMED, 2, "Frame version " + (frame[2] & 0xFF) + " is not supported; send version 1.");
        }
        Optional<SampleFormat> format = SampleFormat.ofId(frame[3] & 0xFF);
        if (format.isEmpty()) {
            return fail(WAVEFORM_MALFORMED, 3, "Sample format " + (frame[3] & 0xFF)
                    + " is unknown; use 1 (int16), 2 (int32) or 3 (zig-zag delta varint).");
        }
        int flags = frame[4] & 0xFF;
        if ((flags & ~LEADS_OFF) != 0 || frame[5] != 0) {
            return fail(WAVEFORM_MALFORMED, (flags & ~LEADS_OFF) != 0 ? 4 : 5,
                    "Reserved flag bits and byte 5 must be zero.");
        }
        int count = u16(frame, 6);
        if (count == 0) {
            return fail(WAVEFORM_INVALID_HEADER, 6, "The sample count is zero; a frame carries at least one sample.");
        }
        long sequence = u32(frame, 8);
        long startMicros = i64(frame, 12);
        if (startMicros < MIN_START_MICROS || startMicros >= MAX_START_MICROS) {
            return fail(WAVEFORM_INVALID_HEADER, 12, "The start time is not between 2000 and 2100: set the device clock.");
        }
        long rate = u32(frame, 20);
        if (rate < MIN_RATE_MILLIHERTZ || rate > MAX_RATE_MILLIHERTZ) {
            return fail(WAVEFORM_INVALID_HEADER, 20, "The sample rate must be 1 Hz to 10 kHz (1000 to 10000000 mHz).");
        }
        long signalCode = u32(frame, 24);
        Optional<WaveformSignal> signal = WaveformSignal.ofMdcCode((int) signalCode);
        if (signal.isEmpty() || signalCode > Integer.MAX_VALUE) {
            return fail(WAVEFORM_SIGNAL_MISMATCH, 24, "Signal code " + signalCode + " is not one Vigil takes (docs/devices.md).");
        }
        if (expected.isPresent() && expected.get() != signal.get()) {
            return fail(WAVEFORM_SIGNAL_MISMATCH, 24, "The frame carries " + signal.get().topicName()
                    + " but was sent for " + expected.get().topicName() + ".");
        }
        Optional<WaveformUnit> unit = WaveformUnit.ofMdcCode((int) Math.min(u32(frame, 28), Integer.MAX_VALUE));
        if (unit.isEmpty()) {
            return fail(WAVEFORM_INVALID_HEADER, 28, "Unit code " + u32(frame, 28) + " is unknown; use 4274 (mV), 4275 (µV) or 512.");
        }
        float gain = Float.intBitsToFloat((int) u32(frame, 32));
        if (!(gain > 0) || Float.isInfinite(gain)) {
            return fail(WAVEFORM_INVALID_HEADER, 32, "The gain must be a finite number above zero.");
        }
        int baseline = (int) u32(frame, 36);
        int[] samples = new int[count];
        int end = switch (format.get()) {
            case INT16 -> fixed(frame, count, 2, samples);
            case INT32 -> fixed(frame, count, 4, samples);
            case DELTA_VARINT -> SampleDeltas.decode(frame, HEADER_BYTES, count, samples);
        };
        if (end < 0) {
            int at = -end - 1;
            return at >= frame.length
                    ? truncated(frame.length, count + " samples")
                    : fail(WAVEFORM_INVALID_HEADER, at, "A delta-coded sample does not fit 32 bits.");
        }
        if (end != frame.length) {
            return fail(WAVEFORM_MALFORMED, end, (frame.length - end) + " bytes follow the last of the " + count
                    + " samples the header announces.");
        }
        return DecodeResult.ok(new WaveformFrame(sequence, Instant.EPOCH.plusNanos(startMicros * 1000), rate / 1000.0,
                signal.get(), unit.get().ucum(), gain, baseline, (flags & LEADS_OFF) != 0, samples));
    }

    private static int fixed(byte[] frame, int count, int width, int[] into) {
        int end = HEADER_BYTES + count * width;
        if (end > frame.length) {
            return -frame.length - 1;
        }
        for (int i = 0, at = HEADER_BYTES; i < count; i++, at += width) {
            into[i] = width == 2 ? (short) u16(frame, at) : (int) u32(frame, at);
        }
        return end;
    }

    private static DecodeResult<WaveformFrame> truncated(int length, String what) {
        return fail(WAVEFORM_TRUNCATED, length, "The frame ends at byte " + length + ", before " + what + ".");
    }

    private static DecodeResult<WaveformFrame> fail(io.vigil.codec.ErrorCode code, int offset, String reason) {
        return DecodeResult.failure(DecodeError.atOffset(code, offset, reason));
    }

    static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    static long u32(byte[] b, int at) {
        return (b[at] & 0xFFL) | (b[at + 1] & 0xFFL) << 8 | (b[at + 2] & 0xFFL) << 16 | (b[at + 3] & 0xFFL) << 24;
    }

    static long i64(byte[] b, int at) {
        return u32(b, at) | u32(b, at + 4) << 32;
    }
}
