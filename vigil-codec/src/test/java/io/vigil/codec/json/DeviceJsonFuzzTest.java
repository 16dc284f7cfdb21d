package io.vigil.codec.json;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vigil.codec.DecodeResult;
import io.vigil.codec.DeviceMessage;
import io.vigil.codec.FuzzedDecoding;
import io.vigil.model.MeasurementRegistry;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/** Jazzer target: any bytes as a device JSON payload (seeds in {@code DeviceJsonFuzzTestInputs/}). */
class DeviceJsonFuzzTest {
    private static final Instant RECEIVED = Instant.parse("2026-11-25T10:15:30Z");
    private static final DeviceJsonDecoder DECODER = new DeviceJsonDecoder(MeasurementRegistry.standard());

    @Timeout(value = FuzzedDecoding.HANG_SECONDS, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @FuzzTest(maxDuration = "30s")
    void decode_anyBytes_answersWithMessagesOrACodedRefusal(byte[] payload) {
        long started = System.nanoTime();
        DecodeResult<List<DeviceMessage>> result = DECODER.decode(payload, RECEIVED);
        FuzzedDecoding.check(result, payload.length, started);
    }
}
