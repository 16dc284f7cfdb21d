package io.vigil.codec.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.codec.DecodeError;
import io.vigil.codec.DecodeResult;
import io.vigil.codec.DeviceMessage;
import io.vigil.codec.ErrorCode;
import io.vigil.codec.json.DeviceJsonLimits;
import io.vigil.model.MeasuredValue;
import io.vigil.model.Measurement;
import io.vigil.model.MeasurementRegistry;
import io.vigil.model.TimeSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a template does with payloads: each outcome and each refusal code of the mapping. */
class TemplateMapperTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-25T10:00:00Z");
    private static final String GATEWAY = """
            {"deviceId": "$.gw",
             "mappings": [{
               "match": "$.readings[*]",
               "when": {"path": "@.kind", "equals": 1},
               "time": {"path": "@.t", "format": "epoch-seconds"},
               "id": "@.seq",
               "values": [
                 {"type": "body-temperature", "value": "@.v", "unit": {"path": "@.u"}},
                 {"type": "consciousness", "value": "@.avpu", "required": false}]
             }]}""";

    @Test
    void selectedUnitsAndCodedAnswers_mapPerReading_inCanonicalUnits() {
        List<DeviceMessage> messages = map(GATEWAY, """
                {"gw": "gw-1", "readings": [
                  {"kind": 1, "seq": 1, "t": 1764064800.5, "v": 98.6, "u": "degF", "avpu": "V"},
                  {"kind": 2, "seq": 2, "t": 1764064800, "v": 37.0, "u": "Cel"},
                  {"kind": 1.0, "seq": 3, "t": 1764064860, "v": 36.6, "u": "Cel"}]}""");

        assertThat(messages).extracting(DeviceMessage::messageId).containsExactly("1", "3"); // kind 2 is not mapped
        Measurement fahrenheit = messages.getFirst().measurements().getFirst();
        assertThat(((MeasuredValue.Quantity) fahrenheit.value()).value()).isCloseTo(37.0, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(fahrenheit.time()).isEqualTo(Instant.parse("2025-11-25T10:00:00.500Z"));
        assertThat(fahrenheit.timeSource()).isEqualTo(TimeSource.DEVICE);
        assertThat(((MeasuredValue.Coded) messages.getFirst().measurements().get(1).value()).answer().code()).isEqualTo("V");
        assertThat(messages.get(1).measurements()).hasSize(1); // consciousness is optional
    }

    @Test
    void withoutTimeRule_readingsGetTheReceiveTime() {
        List<DeviceMessage> messages = map("{\"mappings\": [{\"values\": [{\"type\": \"spo2\", \"value\": \"$.s\"}]}]}",
                "{\"s\": \"97\"}");

        Measurement reading = messages.getFirst().measurements().getFirst();
        assertThat(reading.time()).isEqualTo(RECEIVED);
        assertThat(reading.timeSource()).isEqualTo(TimeSource.RECEIVED);
    }

    @Test
    void eachRefusal_hasItsCode() {
        String ok = "{\"kind\": 1, \"seq\": 1, \"t\": 1764064800, \"v\": 37, \"u\": \"Cel\"}";
        assertThat(error(GATEWAY, "{\"gw\": \"other\", \"readings\": [" + ok + "]}").code()).isEqualTo(ErrorCode.DEVICE_MISMATCH);
        assertThat(error(GATEWAY, "{\"readings\": [" + ok + "]}").code()).isEqualTo(ErrorCode.SELECTOR_MISSING);
        assertThat(error(GATEWAY, "{\"gw\": \"gw-1\", \"readings\": []}").code()).isEqualTo(ErrorCode.NO_READINGS);
        assertThat(error(GATEWAY, "{\"gw\": \"gw-1\", \"readings\": [" + ok.replace("\"Cel\"", "\"kg\"") + "]}").code())
                .isEqualTo(ErrorCode.UNSUPPORTED_UNIT);
        assertThat(error(GATEWAY, "{\"gw\": \"gw-1\", \"readings\": [" + ok.replace("37", "57") + "]}").code())
                .isEqualTo(ErrorCode.IMPLAUSIBLE_VALUE);
        assertThat(error(GATEWAY, "{\"gw\": \"gw-1\", \"readings\": [" + ok.replace("37", "\"warm\"") + "]}").code())
                .isEqualTo(ErrorCode.INVALID_VALUE);
        assertThat(error(GATEWAY, "{\"gw\": \"gw-1\", \"readings\": [" + ok.replace("1764064800", "\"noon\"") + "]}").code())
                .isEqualTo(ErrorCode.INVALID_TIME);
        assertThat(error(GATEWAY, "{\"gw\": \"gw-1\", \"readings\": [" + ok.replace("1764064800", "1795608000") + "]}")
                .reason()).contains("s after Vigil received the payload");
        assertThat(error(GATEWAY, "{\"gw\": \"gw-1\", \"readings\": [" + ok + ", " + ok + "]}").code()).isEqualTo(ErrorCode.INVALID_ID);
        assertThat(error(GATEWAY, "{\"gw\": \"gw-1\", \"readings\": [" + ok.replace("\"seq\": 1", "\"seq\": \"a b\"") + "]}")
                .code()).isEqualTo(ErrorCode.INVALID_ID);
        assertThat(error(GATEWAY, "{\"gw\": \"gw-1\", \"readings\": [" + ok.replace("}", ", \"avpu\": \"Z\"}") + "]}").code())
                .isEqualTo(ErrorCode.INVALID_CODE);
        assertThat(error(GATEWAY, "{\"gw\": \"gw-1\", \"readings\": [" + ok + "").code()).isEqualTo(ErrorCode.MALFORMED_PAYLOAD);
    }

    @Test
    void selectorFindingSeveralValues_isAmbiguous() {
        DecodeError error = error("{\"mappings\": [{\"values\": [{\"type\": \"heart-rate\", \"value\": \"$.hr[*]\"}]}]}",
                "{\"hr\": [70, 71]}");

        assertThat(error.code()).isEqualTo(ErrorCode.SELECTOR_AMBIGUOUS);
        assertThat(error.reason()).contains("$.hr[*]");
    }

    @Test
    void exponentOutOfRange_isRefused() {
        String template = "{\"mappings\": [{\"values\": [{\"type\": \"body-weight\", \"value\": \"$.v\", \"exponent\": \"$.e\"}]}]}";

        assertThat(error(template, "{\"v\": 7, \"e\": 400}").code()).isEqualTo(ErrorCode.INVALID_VALUE);
        assertThat(error(template, "{\"v\": 7, \"e\": 1.5}").code()).isEqualTo(ErrorCode.INVALID_VALUE);
        assertThat(((MeasuredValue.Quantity) map(template, "{\"v\": 7, \"e\": 1}").getFirst().measurements().getFirst().value())
                .value()).isEqualTo(70.0);
    }

    @Test
    void moreReadingsThanTheLimit_isTooLarge() {
        String template = "{\"mappings\": [{\"match\": \"$[*]\", \"values\": [{\"type\": \"heart-rate\", \"value\": \"@.hr\"}]}]}";
        DeviceJsonLimits limits = new DeviceJsonLimits(256 * 1024, 3, 64, Duration.ofMinutes(5));
        DecodeResult<List<DeviceMessage>> result = compiled(template)
                .map(bytes("[{\"hr\": 60}, {\"hr\": 61}, {\"hr\": 62}, {\"hr\": 63}]"), "d", RECEIVED, limits);

        assertThat(((DecodeResult.Failure<List<DeviceMessage>>) result).error().code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
    }

    private static List<DeviceMessage> map(String template, String payload) {
        return VendorPayloads.ok(compiled(template).map(bytes(payload), "gw-1", RECEIVED));
    }

    private static DecodeError error(String template, String payload) {
        DecodeResult<List<DeviceMessage>> result = compiled(template).map(bytes(payload), "gw-1", RECEIVED);
        assertThat(result).isInstanceOf(DecodeResult.Failure.class);
        return ((DecodeResult.Failure<List<DeviceMessage>>) result).error();
    }

    private static MappingTemplate compiled(String template) {
        TemplateCompilation compilation = new TemplateCompiler(MeasurementRegistry.standard()).compile("t", bytes(template));
        if (compilation instanceof TemplateCompilation.Refused refused) {
            throw new AssertionError(refused.describe());
        }
        return ((TemplateCompilation.Compiled) compilation).template();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
