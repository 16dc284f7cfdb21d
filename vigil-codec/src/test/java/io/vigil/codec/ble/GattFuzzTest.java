package io.vigil.codec.ble;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vigil.codec.DecodeResult;
import io.vigil.codec.FuzzedDecoding;
import io.vigil.model.MeasurementRegistry;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Jazzer target: the first two bytes name the characteristic (big-endian 16-bit UUID, so the fuzzer also reaches
 * unknown ones), the rest is its value. Regression mode (every build) replays the seeds in
 * {@code GattFuzzTestInputs/}; {@code JAZZER_FUZZ=1} fuzzes (docs/benchmarks.md, "Fuzzing the codecs").
 */
class GattFuzzTest {
    private static final Instant RECEIVED = Instant.parse("2026-11-25T10:15:30Z");
    private static final GattDecoder DECODER = new GattDecoder(MeasurementRegistry.standard());

    @Timeout(value = FuzzedDecoding.HANG_SECONDS, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @FuzzTest(maxDuration = "30s")
    void decode_anyCharacteristicValue_answersWithAReadingOrACodedRefusal(byte[] input) {
        String uuid = input.length < 2 ? "2A35" : HexFormat.of().withUpperCase().toHexDigits((short) ((input[0] & 0xFF) << 8 | input[1] & 0xFF));
        byte[] value = input.length < 2 ? input : Arrays.copyOfRange(input, 2, input.length);
        long started = System.nanoTime();
        DecodeResult<GattReading> result = DECODER.decode(uuid, value, RECEIVED);
        FuzzedDecoding.check(result, value.length, started);
    }
}
