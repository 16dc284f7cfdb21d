package io.vigil.codec.json;

import static io.vigil.codec.json.DeviceJsonDecoderTest.RECEIVED;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.codec.DecodeResult;
import io.vigil.codec.DeviceMessage;
import io.vigil.codec.ErrorCode;
import io.vigil.model.MeasurementRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Truncated, mutated and generated payloads: the decoder answers every one with a value, never an exception. */
class DeviceJsonRobustnessTest {

    static final List<String> VALID_PAYLOADS = List.of(
            """
            {"id": "optional-msg-id", "time": "2026-11-25T10:15:30Z", "values": {"heart-rate": 72, "spo2": 97,
            "body-temperature": {"value": 99.1, "unit": "[degF]"},
            "blood-pressure": {"systolic": 120, "diastolic": 80, "mean": 93}, "consciousness": "V"}}""",
            "{\"values\": {\"heart-rate\": 72}}",
            "{\"values\":{\"blood-pressure\":{\"unit\":\"kPa\",\"systolic\":16,\"diastolic\":10.7}},\"time\":\"2026-11-25T11:15:30+01:00\"}",
            """
            [{"id": "m-1", "time": "2026-11-25T10:00:00Z", "values": {"8867-4": 70, "body-weight": {"value": 154.3, "unit": "[lb_av]"}}},
             {"id": "m-2", "values": {"blood-glucose": {"value": 5.5, "unit": "mmol/L"}, "respiratory-rate": 18}},
             {"values": {"consciousness": "a", "supplemental-oxygen": 2, "inspired-oxygen": 28}}]""",
            "{\"values\": {\"cgm-glucose\": 110, \"body-height\": {\"value\": 1.78, \"unit\": \"m\"}, \"bmi\": 22.4}}");

    private final DeviceJsonDecoder decoder = new DeviceJsonDecoder(MeasurementRegistry.standard());

    @Test
    void decode_validSeeds_areAccepted() {
        for (String payload : VALID_PAYLOADS) {
            assertThat(decode(payload.getBytes(StandardCharsets.UTF_8))).as(payload).isInstanceOf(DecodeResult.Ok.class);
        }
    }

    @Test
    void decode_everyPrefixOfValidPayloads_fails() {
        for (String payload : VALID_PAYLOADS) {
            byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
            for (int length = 0; length < bytes.length; length++) {
                byte[] prefix = Arrays.copyOf(bytes, length);
                DecodeResult<List<DeviceMessage>> result = decode(prefix);
                assertThat(result).as("prefix %d of %s", length, payload).isInstanceOf(DecodeResult.Failure.class);
                DecodedInvariants.check(result, RECEIVED, payload.substring(0, Math.min(length, payload.length())));
            }
        }
    }

    @Test
    void decode_mutatedValidPayloads_neverThrowAndKeepInvariants() {
        Random random = new Random(0x5EED_0001L);
        int accepted = 0;
        int cases = 0;
        for (String payload : VALID_PAYLOADS) {
            byte[] original = payload.getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 2_000; i++) {
                byte[] mutant = original;
                for (int k = 1 + random.nextInt(3); k > 0; k--) {
                    mutant = ByteMutation.apply(mutant, random);
                }
                DecodeResult<List<DeviceMessage>> result = decode(mutant);
                DecodedInvariants.check(result, RECEIVED, new String(mutant, StandardCharsets.ISO_8859_1));
                accepted += result instanceof DecodeResult.Ok ? 1 : 0;
                cases++;
            }
        }
        // Mutants that still decode prove the mutations reach the semantic checks, not only the parser.
        assertThat(cases).isEqualTo(10_000);
        assertThat(accepted).isBetween(100, 9_000);
    }

    @Test
    void decode_generatedJson_neverThrowsAndCoversEveryJsonErrorCode() {
        Random random = new Random(0x5EED_0002L);
        GeneratedPayload generator = new GeneratedPayload(random);
        Set<ErrorCode> seen = EnumSet.noneOf(ErrorCode.class);
        int accepted = 0;
        for (int i = 0; i < 20_000; i++) {
            String payload = generator.payload();
            DecodeResult<List<DeviceMessage>> result = decode(payload.getBytes(StandardCharsets.UTF_8));
            DecodedInvariants.check(result, RECEIVED, payload);
            if (result instanceof DecodeResult.Failure<List<DeviceMessage>> failure) {
                seen.add(failure.error().code());
            } else {
                accepted++;
            }
        }
        assertThat(accepted).isBetween(4_000, 19_000);
        Set<ErrorCode> notDeviceJson = EnumSet.of(ErrorCode.PAYLOAD_TOO_LARGE,
                ErrorCode.TRUNCATED, ErrorCode.UNSUPPORTED_FORMAT, ErrorCode.SPECIAL_VALUE, ErrorCode.CRC_MISMATCH,
                ErrorCode.CONTEXT_WITHOUT_MEASUREMENT);
        notDeviceJson.addAll(EnumSet.range(ErrorCode.TEMPLATE_INVALID, ErrorCode.DEVICE_MISMATCH)); // mapping templates
        notDeviceJson.addAll(EnumSet.range(ErrorCode.HL7_NOT_PARSEABLE, ErrorCode.HL7_MISSING_FIELD)); // HL7 v2
        notDeviceJson.addAll(EnumSet.range(ErrorCode.WAVEFORM_MALFORMED, ErrorCode.WAVEFORM_JSON_INVALID)); // waveforms
        assertThat(seen).containsAll(EnumSet.complementOf(EnumSet.copyOf(notDeviceJson)));
    }

    private DecodeResult<List<DeviceMessage>> decode(byte[] payload) {
        return decoder.decode(payload, RECEIVED);
    }
}
