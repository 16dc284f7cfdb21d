package io.vigil.codec.waveform;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.codec.DecodeResult;
import io.vigil.codec.ErrorCode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WaveformJsonDecoderTest {
    private static final WaveformJsonDecoder DECODER = new WaveformJsonDecoder(65_536);

    @Test
    void decode_minimalFrame_takesDefaults() {
        var result = DECODER.decode("""
                {"sequence": 3, "start": "2026-11-25T10:15:30.5Z", "sampleRate": 250, "samples": [1, -2, 3]}
                """.getBytes(UTF_8), WaveformSignal.ECG_I);
        var frame = ((DecodeResult.Ok<WaveformFrame>) result).value();
        assertThat(frame).isEqualTo(new WaveformFrame(3, Instant.parse("2026-11-25T10:15:30.5Z"), 250,
                WaveformSignal.ECG_I, "mV", 1, 0, false, new int[] {1, -2, 3}));
    }

    @Test
    void decode_allMembers() {
        var result = DECODER.decode("""
                {"sequence": 4294967295, "start": "2026-11-25T10:15:30Z", "sampleRate": 360, "signal": "ecg-ii",
                 "unit": "uV", "gain": 0.5, "baseline": -7, "leadsOff": true, "samples": [0]}
                """.getBytes(UTF_8), WaveformSignal.ECG_II);
        var frame = ((DecodeResult.Ok<WaveformFrame>) result).value();
        assertThat(frame.sequence()).isEqualTo(4294967295L);
        assertThat(frame.unit()).isEqualTo("uV");
        assertThat(frame.gain()).isEqualTo(0.5);
        assertThat(frame.baseline()).isEqualTo(-7);
        assertThat(frame.leadsOff()).isTrue();
    }

    @Test
    void decode_badMembers_areRefusedWithTheField() {
        assertField("{\"sequence\": -1, \"start\": \"2026-11-25T10:15:30Z\", \"sampleRate\": 250, \"samples\": [1]}", "sequence");
        assertField("{\"sequence\": 1, \"start\": \"1970-01-01T00:00:00Z\", \"sampleRate\": 250, \"samples\": [1]}", "start");
        assertField("{\"sequence\": 1, \"start\": \"2026-11-25T10:15:30Z\", \"sampleRate\": 0, \"samples\": [1]}", "sampleRate");
        assertField("{\"sequence\": 1, \"start\": \"2026-11-25T10:15:30Z\", \"sampleRate\": 250, \"samples\": []}", "samples");
        assertField("{\"sequence\": 1, \"start\": \"2026-11-25T10:15:30Z\", \"sampleRate\": 250, \"samples\": [1.5]}", "samples[0]");
        assertField("{\"sequence\": 1, \"start\": \"2026-11-25T10:15:30Z\", \"sampleRate\": 250, \"samples\": [1], \"x\": 1}", "x");
        var mismatch = DECODER.decode("{\"sequence\": 1, \"start\": \"2026-11-25T10:15:30Z\", \"sampleRate\": 250, \"signal\": \"ecg-i\", \"samples\": [1]}"
                .getBytes(UTF_8), WaveformSignal.ECG_II);
        assertThat(((DecodeResult.Failure<WaveformFrame>) mismatch).error().code()).isEqualTo(ErrorCode.WAVEFORM_SIGNAL_MISMATCH);
    }

    @Test
    void decode_notJson_isMalformed() {
        var result = DECODER.decode("{\"sequence\": ".getBytes(UTF_8), WaveformSignal.ECG_II);
        assertThat(((DecodeResult.Failure<WaveformFrame>) result).error().code()).isEqualTo(ErrorCode.MALFORMED_PAYLOAD);
    }

    private static void assertField(String json, String field) {
        var result = DECODER.decode(json.getBytes(UTF_8), WaveformSignal.ECG_II);
        var error = ((DecodeResult.Failure<WaveformFrame>) result).error();
        assertThat(error.code()).isEqualTo(ErrorCode.WAVEFORM_JSON_INVALID);
        assertThat(error.field()).isEqualTo(field);
    }
}
