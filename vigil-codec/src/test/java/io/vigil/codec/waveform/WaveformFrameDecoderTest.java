package io.vigil.codec.waveform;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.codec.DecodeResult;
import io.vigil.codec.ErrorCode;
import io.vigil.codec.json.ByteMutation;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class WaveformFrameDecoderTest {
    private static final WaveformFrameDecoder DECODER = new WaveformFrameDecoder();
    private static final Instant START = Instant.parse("2026-11-25T10:15:30.123456Z");

    /** A QRS-like spike on a flat line, with the extremes of int16 so every format is exercised. */
    private static WaveformFrame frame() {
        int[] samples = {1024, 1030, 1100, 1500, 2047, 1200, 900, 1000, 1024, -32768, 32767, 0};
        return new WaveformFrame(4_000_000_000L, START, 360, WaveformSignal.ECG_II, "mV", 200, 1024, false, samples);
    }

    @ParameterizedTest
    @EnumSource(SampleFormat.class)
    void decode_encodedFrame_roundTrips(SampleFormat format) {
        byte[] bytes = WaveformFrameEncoder.encode(frame(), format);
        assertThat(DECODER.decode(bytes, Optional.of(WaveformSignal.ECG_II))).isEqualTo(DecodeResult.ok(frame()));
    }

    @Test
    void decode_handWrittenHeader_readsEveryField() {
        // Written out byte by byte from the layout in docs/devices.md, not by the encoder.
        byte[] bytes = HexFormat.of().parseHex("5657" + "01" + "01" + "01" + "00" + "0200" + "07000000"
                + le64(1_764_065_730_000_000L) + "80A90300" + "02010200" + "B2100000" + "00004843" + "00040000" + "0004" + "FFFF");
        var frame = ((DecodeResult.Ok<WaveformFrame>) DECODER.decode(bytes, Optional.empty())).value();
        assertThat(frame.sequence()).isEqualTo(7);
        assertThat(frame.start()).isEqualTo(Instant.ofEpochSecond(1_764_065_730L));
        assertThat(frame.sampleRate()).isEqualTo(240.0); // 0x0003A980 = 240000 mHz
        assertThat(frame.signal()).isEqualTo(WaveformSignal.ECG_II); // 0x00020102 = 131330
        assertThat(frame.unit()).isEqualTo("mV"); // 0x10B2 = 4274
        assertThat(frame.gain()).isEqualTo(200.0); // float32 0x43480000
        assertThat(frame.baseline()).isEqualTo(1024);
        assertThat(frame.leadsOff()).isTrue();
        assertThat(frame.samples()).containsExactly(1024, -1);
        assertThat(frame.end()).isEqualTo(frame.start().plusNanos(8_333_333));
    }

    private static String le64(long v) {
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            hex.append(String.format("%02X", (v >>> (8 * i)) & 0xFF));
        }
        return hex.toString();
    }

    @ParameterizedTest
    @EnumSource(SampleFormat.class)
    void decode_truncatedAtEveryByte_failsWithOffsetInsidePayload(SampleFormat format) {
        byte[] bytes = WaveformFrameEncoder.encode(frame(), format);
        for (int length = 0; length < bytes.length; length++) {
            var result = DECODER.decode(Arrays.copyOf(bytes, length), Optional.empty());
            assertThat(result).as("cut at %d", length).isInstanceOf(DecodeResult.Failure.class);
            var error = ((DecodeResult.Failure<WaveformFrame>) result).error();
            assertThat(error.code()).as("cut at %d", length).isIn(ErrorCode.WAVEFORM_TRUNCATED, ErrorCode.WAVEFORM_MALFORMED);
            assertThat(error.offset()).isBetween(0, length);
        }
    }

    @Test
    void decode_extraByteAfterSamples_isMalformedAtThatByte() {
        byte[] bytes = WaveformFrameEncoder.encode(frame(), SampleFormat.INT16);
        var error = failure(Arrays.copyOf(bytes, bytes.length + 1));
        assertThat(error.code()).isEqualTo(ErrorCode.WAVEFORM_MALFORMED);
        assertThat(error.offset()).isEqualTo(bytes.length);
    }

    @Test
    void decode_wrongSignalForTopic_isSignalMismatch() {
        byte[] bytes = WaveformFrameEncoder.encode(frame(), SampleFormat.INT16);
        var result = DECODER.decode(bytes, Optional.of(WaveformSignal.ECG_I));
        var error = ((DecodeResult.Failure<WaveformFrame>) result).error();
        assertThat(error.code()).isEqualTo(ErrorCode.WAVEFORM_SIGNAL_MISMATCH);
        assertThat(error.offset()).isEqualTo(24);
    }

    @Test
    void decode_headerOutOfRange_namesTheField() {
        byte[] good = WaveformFrameEncoder.encode(frame(), SampleFormat.INT16);
        assertThat(failureWith(good, 0, (byte) 0x00).offset()).isEqualTo(0);
        assertThat(failureWith(good, 2, (byte) 2).code()).isEqualTo(ErrorCode.WAVEFORM_MALFORMED);
        assertThat(failureWith(good, 3, (byte) 9).offset()).isEqualTo(3);
        assertThat(failureWith(good, 4, (byte) 2).offset()).isEqualTo(4);
        byte[] zeroRate = good.clone();
        Arrays.fill(zeroRate, 20, 24, (byte) 0);
        assertThat(failure(zeroRate).code()).isEqualTo(ErrorCode.WAVEFORM_INVALID_HEADER);
        assertThat(failure(zeroRate).offset()).isEqualTo(20);
        byte[] negativeGain = good.clone();
        negativeGain[35] = (byte) 0xC3; // -200.0f
        assertThat(failure(negativeGain).offset()).isEqualTo(32);
        byte[] epoch = good.clone();
        Arrays.fill(epoch, 12, 20, (byte) 0);
        assertThat(failure(epoch).offset()).isEqualTo(12);
        byte[] noSamples = good.clone();
        noSamples[6] = 0;
        noSamples[7] = 0;
        assertThat(failure(noSamples).offset()).isEqualTo(6);
    }

    @Test
    void decode_overlongVarint_failsAtThatSample() {
        byte[] good = WaveformFrameEncoder.encode(frame(), SampleFormat.DELTA_VARINT);
        byte[] bad = Arrays.copyOf(good, WaveformFrameDecoder.HEADER_BYTES + 6);
        Arrays.fill(bad, WaveformFrameDecoder.HEADER_BYTES, bad.length, (byte) 0xFF);
        var error = failure(bad);
        assertThat(error.code()).isEqualTo(ErrorCode.WAVEFORM_INVALID_HEADER);
        assertThat(error.offset()).isEqualTo(WaveformFrameDecoder.HEADER_BYTES);
    }

    @ParameterizedTest
    @EnumSource(SampleFormat.class)
    void decode_mutatedFrames_answerWithFrameOrCodedFailure(SampleFormat format) {
        byte[] good = WaveformFrameEncoder.encode(frame(), format);
        Random random = new Random(8);
        for (int i = 0; i < 20_000; i++) {
            byte[] mutated = ByteMutation.apply(good, random);
            var result = DECODER.decode(mutated, Optional.of(WaveformSignal.ECG_II));
            if (result instanceof DecodeResult.Failure<WaveformFrame> f) {
                assertThat(f.error().code().code()).startsWith("VIGIL-160");
                assertThat(f.error().offset()).isBetween(0, mutated.length);
            } else {
                WaveformFrame decoded = ((DecodeResult.Ok<WaveformFrame>) result).value();
                // Whatever passed must survive another round trip unchanged (int32 holds any sample).
                assertThat(DECODER.decode(WaveformFrameEncoder.encode(decoded, SampleFormat.INT32), Optional.empty()))
                        .isEqualTo(DecodeResult.ok(decoded));
            }
        }
    }

    private static io.vigil.codec.DecodeError failureWith(byte[] good, int at, byte value) {
        byte[] bad = good.clone();
        bad[at] = value;
        return failure(bad);
    }

    private static io.vigil.codec.DecodeError failure(byte[] bytes) {
        var result = DECODER.decode(bytes, Optional.empty());
        assertThat(result).isInstanceOf(DecodeResult.Failure.class);
        return ((DecodeResult.Failure<WaveformFrame>) result).error();
    }
}
