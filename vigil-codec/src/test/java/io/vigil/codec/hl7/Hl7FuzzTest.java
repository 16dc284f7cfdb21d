package io.vigil.codec.hl7;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vigil.codec.DecodeResult;
import io.vigil.codec.FuzzedDecoding;
import io.vigil.model.MeasurementRegistry;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/** Jazzer target: any bytes as an HL7 v2 ORU^R01 (seeds in {@code Hl7FuzzTestInputs/}: the PCD-01 samples). */
class Hl7FuzzTest {
    private static final Instant RECEIVED = Instant.parse("2026-11-25T10:15:30Z");
    private static final Hl7Decoder DECODER = new Hl7Decoder(MeasurementRegistry.standard(), ZoneOffset.UTC);

    @Timeout(value = FuzzedDecoding.HANG_SECONDS, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @FuzzTest(maxDuration = "30s")
    void decode_anyBytes_answersWithAMessageOrACodedRefusal(byte[] payload) {
        long started = System.nanoTime();
        DecodeResult<Hl7Message> result = DECODER.decode(payload, RECEIVED);
        FuzzedDecoding.check(result, payload.length, started);
    }
}
