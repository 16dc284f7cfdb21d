package io.vigil.codec.waveform;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vigil.codec.DecodeResult;
import io.vigil.codec.FuzzedDecoding;
import java.util.Optional;

/**
 * Jazzer target for the binary waveform frame. Regression mode (every build) replays the seeds in
 * {@code WaveformFuzzTestInputs/}; {@code JAZZER_FUZZ=1} fuzzes (docs/benchmarks.md, "Fuzzing the codecs").
 */
class WaveformFuzzTest {
    private static final WaveformFrameDecoder DECODER = new WaveformFrameDecoder();

    @FuzzTest(maxDuration = "30s")
    void decode_anyFrame_answersWithAFrameOrACodedRefusal(byte[] input) {
        long started = System.nanoTime();
        DecodeResult<WaveformFrame> result = DECODER.decode(input, Optional.empty());
        FuzzedDecoding.check(result, input.length, started);
    }
}
