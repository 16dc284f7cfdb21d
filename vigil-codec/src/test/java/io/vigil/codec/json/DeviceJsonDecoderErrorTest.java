package io.vigil.codec.json;

import static io.vigil.codec.ErrorCode.IMPLAUSIBLE_VALUE;
import static io.vigil.codec.ErrorCode.INVALID_CODE;
import static io.vigil.codec.ErrorCode.INVALID_ID;
import static io.vigil.codec.ErrorCode.INVALID_TIME;
import static io.vigil.codec.ErrorCode.INVALID_VALUE;
import static io.vigil.codec.ErrorCode.MALFORMED_PAYLOAD;
import static io.vigil.codec.ErrorCode.MISSING_COMPONENT;
import static io.vigil.codec.ErrorCode.MISSING_VALUES;
import static io.vigil.codec.ErrorCode.PAYLOAD_TOO_LARGE;
import static io.vigil.codec.ErrorCode.UNKNOWN_FIELD;
import static io.vigil.codec.ErrorCode.UNKNOWN_MEASUREMENT;
import static io.vigil.codec.ErrorCode.UNSUPPORTED_UNIT;
import static io.vigil.codec.json.DeviceJsonDecoderTest.RECEIVED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.vigil.codec.DecodeError;
import io.vigil.codec.DecodeResult;
import io.vigil.codec.DeviceMessage;
import io.vigil.codec.ErrorCode;
import io.vigil.model.MeasurementRegistry;
import io.vigil.model.MeasurementType;
import io.vigil.model.ValueKind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Payloads Vigil refuses: the code and the field path of the first offending field. */
class DeviceJsonDecoderErrorTest {

    private final DeviceJsonDecoder decoder = new DeviceJsonDecoder(MeasurementRegistry.standard());

    static Stream<Arguments> refusedPayloads() {
        return Stream.of(
                // structure
                arguments("top-level number", "72", MALFORMED_PAYLOAD, null),
                arguments("top-level string", "\"heart-rate\"", MALFORMED_PAYLOAD, null),
                arguments("whitespace only", " \n\t ", MALFORMED_PAYLOAD, null),
                arguments("empty array", "[]", MALFORMED_PAYLOAD, null),
                arguments("array element not an object", "[{\"values\": {\"spo2\": 97}}, 5]", MALFORMED_PAYLOAD, "[1]"),
                arguments("same measurement by alias and LOINC", "{\"values\": {\"heart-rate\": 72, \"8867-4\": 73}}",
                        MALFORMED_PAYLOAD, "values.8867-4"),
                arguments("same measurement in two cases", "{\"values\": {\"spo2\": 97, \"SpO2\": 98}}",
                        MALFORMED_PAYLOAD, "values.SpO2"),
                arguments("same panel component twice", "{\"values\": {\"blood-pressure\": "
                        + "{\"systolic\": 120, \"diastolic\": 80, \"systolic-bp\": 121}}}",
                        MALFORMED_PAYLOAD, "values.blood-pressure.systolic-bp"),
                // fields
                arguments("unknown top-level field", "{\"device\": \"x\", \"values\": {\"spo2\": 97}}", UNKNOWN_FIELD, "device"),
                arguments("top-level field in other case", "{\"Values\": {\"spo2\": 97}}", UNKNOWN_FIELD, "Values"),
                arguments("unknown quantity member", "{\"values\": {\"heart-rate\": {\"value\": 72, \"precision\": 1}}}",
                        UNKNOWN_FIELD, "values.heart-rate.precision"),
                arguments("unknown panel member", "{\"values\": {\"blood-pressure\": {\"systolic\": 120, \"diastolic\": 80, "
                        + "\"pulse\": 70}}}", UNKNOWN_FIELD, "values.blood-pressure.pulse"),
                arguments("values missing", "{\"id\": \"a\"}", MISSING_VALUES, "values"),
                arguments("values empty", "{\"values\": {}}", MISSING_VALUES, "values"),
                arguments("values null", "{\"values\": null}", MISSING_VALUES, "values"),
                arguments("values an array", "{\"values\": [72]}", MISSING_VALUES, "values"),
                arguments("values missing in second message", "[{\"values\": {\"spo2\": 97}}, {\"time\": \"2026-11-25T10:00:00Z\"}]",
                        MISSING_VALUES, "[1].values"),
                // keys
                arguments("unknown key", "{\"values\": {\"pulse\": 72}}", UNKNOWN_MEASUREMENT, "values.pulse"),
                arguments("unknown key in third message", "[{\"values\": {\"spo2\": 97}}, {\"values\": {\"spo2\": 96}}, "
                        + "{\"values\": {\"pulse\": 72}}]", UNKNOWN_MEASUREMENT, "[2].values.pulse"),
                arguments("unknown LOINC code", "{\"values\": {\"1234-5\": 72}}", UNKNOWN_MEASUREMENT, "values.1234-5"),
                arguments("padded alias", "{\"values\": {\" heart-rate\": 72}}", UNKNOWN_MEASUREMENT, "values. heart-rate"),
                arguments("panel component at top level", "{\"values\": {\"systolic-bp\": 120}}",
                        UNKNOWN_MEASUREMENT, "values.systolic-bp"),
                arguments("panel component by LOINC at top level", "{\"values\": {\"8462-4\": 80}}",
                        UNKNOWN_MEASUREMENT, "values.8462-4"),
                // quantities
                arguments("number as string", "{\"values\": {\"heart-rate\": \"72\"}}", INVALID_VALUE, "values.heart-rate"),
                arguments("boolean", "{\"values\": {\"spo2\": true}}", INVALID_VALUE, "values.spo2"),
                arguments("null", "{\"values\": {\"spo2\": null}}", INVALID_VALUE, "values.spo2"),
                arguments("array", "{\"values\": {\"spo2\": [97]}}", INVALID_VALUE, "values.spo2"),
                arguments("overflowing number", "{\"values\": {\"spo2\": 1e400}}", INVALID_VALUE, "values.spo2"),
                arguments("overflowing integer", "{\"values\": {\"spo2\": " + "9".repeat(400) + "}}",
                        INVALID_VALUE, "values.spo2"),
                arguments("value as string", "{\"values\": {\"body-weight\": {\"value\": \"70\", \"unit\": \"kg\"}}}",
                        INVALID_VALUE, "values.body-weight.value"),
                arguments("unit without value", "{\"values\": {\"body-weight\": {\"unit\": \"kg\"}}}",
                        INVALID_VALUE, "values.body-weight.value"),
                arguments("panel as number", "{\"values\": {\"blood-pressure\": 120}}", INVALID_VALUE, "values.blood-pressure"),
                arguments("panel component as string", "{\"values\": {\"blood-pressure\": {\"systolic\": \"120\", "
                        + "\"diastolic\": 80}}}", INVALID_VALUE, "values.blood-pressure.systolic"),
                arguments("unit not accepted", "{\"values\": {\"heart-rate\": {\"value\": 1.2, \"unit\": \"Hz\"}}}",
                        UNSUPPORTED_UNIT, "values.heart-rate.unit"),
                arguments("unit as number", "{\"values\": {\"body-weight\": {\"value\": 70, \"unit\": 1}}}",
                        UNSUPPORTED_UNIT, "values.body-weight.unit"),
                arguments("panel unit not accepted", "{\"values\": {\"blood-pressure\": {\"unit\": \"psi\", \"systolic\": 2.3, "
                        + "\"diastolic\": 1.5}}}", UNSUPPORTED_UNIT, "values.blood-pressure.unit"),
                arguments("heart rate too high", "{\"values\": {\"heart-rate\": 400}}", IMPLAUSIBLE_VALUE, "values.heart-rate"),
                arguments("saturation over 100 %", "{\"values\": {\"spo2\": 100.5}}", IMPLAUSIBLE_VALUE, "values.spo2"),
                arguments("implausible after conversion", "{\"values\": {\"body-temperature\": {\"value\": 120, "
                        + "\"unit\": \"[degF]\"}}}", IMPLAUSIBLE_VALUE, "values.body-temperature"),
                arguments("panel component implausible", "{\"values\": {\"blood-pressure\": {\"systolic\": 400, "
                        + "\"diastolic\": 80}}}", IMPLAUSIBLE_VALUE, "values.blood-pressure.systolic"),
                arguments("systolic not above diastolic", "{\"values\": {\"blood-pressure\": {\"systolic\": 80, "
                        + "\"diastolic\": 80}}}", IMPLAUSIBLE_VALUE, "values.blood-pressure"),
                arguments("diastolic missing", "{\"values\": {\"blood-pressure\": {\"systolic\": 120, \"mean\": 93}}}",
                        MISSING_COMPONENT, "values.blood-pressure.diastolic"),
                arguments("systolic missing in array", "[{\"values\": {\"blood-pressure\": {\"diastolic\": 80}}}]",
                        MISSING_COMPONENT, "[0].values.blood-pressure.systolic"),
                // coded
                arguments("answer not in ACVPU", "{\"values\": {\"consciousness\": \"X\"}}", INVALID_CODE, "values.consciousness"),
                arguments("answer spelled out", "{\"values\": {\"consciousness\": \"Alert\"}}", INVALID_CODE, "values.consciousness"),
                arguments("answer as number", "{\"values\": {\"consciousness\": 1}}", INVALID_CODE, "values.consciousness"),
                // time
                arguments("time without offset", "{\"time\": \"2026-11-25T10:15:30\", \"values\": {\"spo2\": 97}}",
                        INVALID_TIME, "time"),
                arguments("date only", "{\"time\": \"2026-11-25\", \"values\": {\"spo2\": 97}}", INVALID_TIME, "time"),
                arguments("impossible date", "{\"time\": \"2026-02-30T10:15:30Z\", \"values\": {\"spo2\": 97}}",
                        INVALID_TIME, "time"),
                arguments("epoch number", "{\"time\": 1795602930, \"values\": {\"spo2\": 97}}", INVALID_TIME, "time"),
                arguments("null time", "{\"time\": null, \"values\": {\"spo2\": 97}}", INVALID_TIME, "time"),
                arguments("expanded year", "{\"time\": \"+10000-01-01T00:00:00Z\", \"values\": {\"spo2\": 97}}",
                        INVALID_TIME, "time"),
                arguments("time in the future", "{\"time\": \"2026-11-25T10:21:00.001Z\", \"values\": {\"spo2\": 97}}",
                        INVALID_TIME, "time"),
                arguments("future time in second message", "[{\"values\": {\"spo2\": 97}}, "
                        + "{\"time\": \"2027-01-01T00:00:00Z\", \"values\": {\"spo2\": 97}}]", INVALID_TIME, "[1].time"),
                // id
                arguments("empty id", "{\"id\": \"\", \"values\": {\"spo2\": 97}}", INVALID_ID, "id"),
                arguments("id with space", "{\"id\": \"msg 1\", \"values\": {\"spo2\": 97}}", INVALID_ID, "id"),
                arguments("id with non-ASCII letter", "{\"id\": \"m\u00e9ssage\", \"values\": {\"spo2\": 97}}", INVALID_ID, "id"),
                arguments("id too long", "{\"id\": \"" + "a".repeat(129) + "\", \"values\": {\"spo2\": 97}}", INVALID_ID, "id"),
                arguments("id as number", "{\"id\": 7, \"values\": {\"spo2\": 97}}", INVALID_ID, "id"),
                arguments("same id twice in one payload", "[{\"id\": \"m-1\", \"values\": {\"spo2\": 97}}, "
                        + "{\"id\": \"m-1\", \"values\": {\"spo2\": 96}}]", INVALID_ID, "[1].id"),
                // atomicity and order: the first offending field in document order wins
                arguments("first of two bad values", "{\"values\": {\"spo2\": 97, \"heart-rate\": 400, \"pulse\": 1}}",
                        IMPLAUSIBLE_VALUE, "values.heart-rate"),
                arguments("bad values before bad time", "{\"values\": {\"pulse\": 1}, \"time\": \"yesterday\"}",
                        UNKNOWN_MEASUREMENT, "values.pulse"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedPayloads")
    void decode_refusedPayload_failsWithCodeAndField(String name, String json, ErrorCode code, String field) {
        DecodeError error = failure(json);
        assertThat(error.code()).isEqualTo(code);
        assertThat(error.field()).isEqualTo(field);
        assertThat(error.reason()).isNotBlank().doesNotContain("\n").doesNotContain("internal error");
    }

    @Test
    void decode_syntaxError_failsWithByteOffsetLineAndColumn() {
        DecodeError error = failure("{\"values\":\n {\"spo2\": 97,}}");
        assertThat(error.code()).isEqualTo(MALFORMED_PAYLOAD);
        assertThat(error.offset()).isEqualTo(24);
        assertThat(error.reason()).contains("line 2, column 14");
    }

    @Test
    void decode_truncatedPayload_failsWithOffsetOfEnd() {
        DecodeError error = failure("{\"values\": {\"spo2\": 9");
        assertThat(error.code()).isEqualTo(MALFORMED_PAYLOAD);
        assertThat(error.offset()).isEqualTo(21);
        assertThat(error.reason()).contains("ends before");
    }

    @Test
    void decode_duplicateKey_failsNamingTheKey() {
        DecodeError error = failure("{\"values\": {\"spo2\": 97, \"spo2\": 98}}");
        assertThat(error.code()).isEqualTo(MALFORMED_PAYLOAD);
        assertThat(error.offset()).isEqualTo(30);
        assertThat(error.reason()).contains("Duplicate field 'spo2'");
    }

    @Test
    void decode_trailingContent_failsAtItsOffset() {
        assertThat(failure("{\"values\": {\"spo2\": 97}} {}")).extracting(DecodeError::code, DecodeError::offset)
                .containsExactly(MALFORMED_PAYLOAD, 25);
        assertThat(failure("{\"values\": {\"spo2\": 97}} x").code()).isEqualTo(MALFORMED_PAYLOAD);
    }

    @Test
    void decode_nonStandardJson_isMalformed() {
        assertThat(failure("{\"values\": {\"spo2\": NaN}}").code()).isEqualTo(MALFORMED_PAYLOAD);
        assertThat(failure("{\"values\": {\"spo2\": Infinity}}").code()).isEqualTo(MALFORMED_PAYLOAD);
        assertThat(failure("{'values': {'spo2': 97}}").code()).isEqualTo(MALFORMED_PAYLOAD);
        assertThat(failure("{\"values\": {\"spo2\": 097}}").code()).isEqualTo(MALFORMED_PAYLOAD);
        assertThat(failure("{\"values\": {\"spo2\": 97 /* % */}}").code()).isEqualTo(MALFORMED_PAYLOAD);
    }

    @Test
    void decode_emptyOrNullPayload_isMalformed() {
        assertThat(decoder.decode(new byte[0], RECEIVED)).isEqualTo(DecodeResult.failure(
                DecodeError.atOffset(MALFORMED_PAYLOAD, 0, "The payload is empty; send a JSON object or array.")));
        assertThat(((DecodeResult.Failure<?>) decoder.decode(null, RECEIVED)).error().code()).isEqualTo(MALFORMED_PAYLOAD);
    }

    @Test
    void decode_invalidUtf8Byte_failsWithItsOffset() {
        byte[] payload = bytes("{\"values\": {\"spo2\": 97}, \"x\": \"?\"}");
        payload[31] = (byte) 0xFF;
        assertThat(failureOf(payload)).extracting(DecodeError::code, DecodeError::offset)
                .containsExactly(MALFORMED_PAYLOAD, 31);
    }

    @Test
    void decode_overlongUtf8InKey_isMalformedNotAnAlias() {
        // "spo2" with the "o" written as the overlong two-byte form C1 AF (Unicode Table 3-7 forbids C0 and C1).
        byte[] payload = bytes("{\"values\": {\"sp__2\": 97}}");
        payload[15] = (byte) 0xC1;
        payload[16] = (byte) 0xAF;
        assertThat(failureOf(payload)).extracting(DecodeError::code, DecodeError::offset)
                .containsExactly(MALFORMED_PAYLOAD, 15);
    }

    @Test
    void decode_utf8EncodedSurrogate_isMalformed() {
        byte[] payload = bytes("{\"values\": {\"spo2\": 97}, \"___\": 1}");
        payload[27] = (byte) 0xED;
        payload[28] = (byte) 0xA0;
        payload[29] = (byte) 0x80;
        assertThat(failureOf(payload)).extracting(DecodeError::code, DecodeError::offset)
                .containsExactly(MALFORMED_PAYLOAD, 28);
    }

    @Test
    void decode_utf16Payload_isMalformed() {
        byte[] payload = "{\"values\": {\"spo2\": 97}}".getBytes(StandardCharsets.UTF_16LE);
        assertThat(failureOf(payload)).extracting(DecodeError::code, DecodeError::offset)
                .containsExactly(MALFORMED_PAYLOAD, 1);
    }

    @Test
    void decode_deepNesting_isMalformedWithoutStackOverflow() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        DecodeError error = failureOf(bytes(deep), new DeviceJsonDecoder(MeasurementRegistry.standard(),
                new DeviceJsonLimits(1 << 20, 1000, 64, Duration.ofMinutes(5))));
        assertThat(error.code()).isEqualTo(MALFORMED_PAYLOAD);
        assertThat(error.reason()).contains("nests deeper than 16 levels");
    }

    @Test
    void decode_payloadOverByteLimit_isRefusedBeforeParsing() {
        DeviceJsonDecoder small = decoderWith(new DeviceJsonLimits(16, 1000, 64, Duration.ofMinutes(5)));
        DecodeError error = failureOf(bytes("{\"values\": {\"spo2\": 97}}"), small);
        assertThat(error).extracting(DecodeError::code, DecodeError::offset).containsExactly(PAYLOAD_TOO_LARGE, 16);
        assertThat(failureOf(bytes("not even json, but too long"), small).code()).isEqualTo(PAYLOAD_TOO_LARGE);
    }

    @Test
    void decode_tooManyMessages_isTooLarge() {
        DeviceJsonDecoder two = decoderWith(new DeviceJsonLimits(1024, 2, 64, Duration.ofMinutes(5)));
        String three = "[{\"values\": {\"spo2\": 97}}, {\"values\": {\"spo2\": 97}}, {\"values\": {\"spo2\": 97}}]";
        assertThat(failureOf(bytes(three), two)).extracting(DecodeError::code, DecodeError::field)
                .containsExactly(PAYLOAD_TOO_LARGE, null);
    }

    @Test
    void decode_tooManyValues_isTooLargeAtValues() {
        DeviceJsonDecoder two = decoderWith(new DeviceJsonLimits(1024, 10, 2, Duration.ofMinutes(5)));
        String three = "[{\"values\": {\"spo2\": 97}}, {\"values\": {\"spo2\": 97, \"heart-rate\": 72, \"bmi\": 22}}]";
        assertThat(failureOf(bytes(three), two)).extracting(DecodeError::code, DecodeError::field)
                .containsExactly(PAYLOAD_TOO_LARGE, "[1].values");
    }

    @Test
    void decode_reasons_nameTheValueAndRangeOrChoices() {
        assertThat(failure("{\"values\": {\"heart-rate\": 400}}").reason()).contains("400 /min", "20–300 /min");
        assertThat(failure("{\"values\": {\"body-temperature\": {\"value\": 120, \"unit\": \"[degF]\"}}}").reason())
                .contains("48.88888889 Cel", "(120 [degF])", "25–45 Cel");
        assertThat(failure("{\"values\": {\"body-temperature\": {\"value\": 300, \"unit\": \"K\"}}}").reason())
                .contains("Cel, [degF]");
        assertThat(failure("{\"values\": {\"consciousness\": \"X\"}}").reason()).contains("A, C, V, P, U");
        assertThat(failure("{\"values\": {\"systolic-bp\": 120}}").reason())
                .contains("\"blood-pressure\": {\"systolic\": …, \"diastolic\": …}");
        assertThat(failure("{\"values\": {\"blood-pressure\": {\"systolic\": 120}}}").reason())
                .contains("needs systolic and diastolic; diastolic is missing");
    }

    @Test
    void decode_hugeOrHostileKey_isEchoedShortAndOnOneLine() {
        String key = "x".repeat(10_000) + "\\n\\u202E";
        DecodeError error = failure("{\"values\": {\"" + key + "\": 1}}");
        assertThat(error.code()).isEqualTo(UNKNOWN_MEASUREMENT);
        assertThat(error.field()).hasSizeLessThan(80);
        assertThat(error.reason()).hasSizeLessThan(200);
        DecodeError control = failure("{\"values\": {\"a\\nb\\u202Ec\": 1}}");
        assertThat(control.field()).isEqualTo("values.a?b?c");
    }

    @Test
    void decode_defectInTheDecoder_becomesMalformedNotAnException() {
        // A quantity type without a plausible range cannot come from the standard registry; it stands in for a bug.
        MeasurementType broken = new MeasurementType("broken", List.of(io.vigil.model.Code.loinc("0000-0", "x")),
                List.of(), "1", List.of(), null, null, ValueKind.QUANTITY, List.of(), List.of(), false);
        DeviceJsonDecoder withBug = new DeviceJsonDecoder(new MeasurementRegistry(List.of(broken)));
        DecodeResult<List<DeviceMessage>> result = withBug.decode(bytes("{\"values\": {\"broken\": 1}}"), RECEIVED);
        assertThat(((DecodeResult.Failure<?>) result).error().code()).isEqualTo(MALFORMED_PAYLOAD);
    }

    private DecodeError failure(String json) {
        return failureOf(bytes(json));
    }

    private DecodeError failureOf(byte[] payload) {
        return failureOf(payload, decoder);
    }

    private static DecodeError failureOf(byte[] payload, DeviceJsonDecoder decoder) {
        DecodeResult<List<DeviceMessage>> result = decoder.decode(payload, RECEIVED);
        assertThat(result).isInstanceOf(DecodeResult.Failure.class);
        return ((DecodeResult.Failure<List<DeviceMessage>>) result).error();
    }

    private static DeviceJsonDecoder decoderWith(DeviceJsonLimits limits) {
        return new DeviceJsonDecoder(MeasurementRegistry.standard(), limits);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
