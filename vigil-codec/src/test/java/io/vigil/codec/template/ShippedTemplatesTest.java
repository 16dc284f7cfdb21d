package io.vigil.codec.template;

import static io.vigil.codec.template.VendorPayloads.example;
import static io.vigil.codec.template.VendorPayloads.ok;
import static io.vigil.codec.template.VendorPayloads.shipped;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vigil.codec.DecodeError;
import io.vigil.codec.DecodeResult;
import io.vigil.codec.DeviceMessage;
import io.vigil.codec.ErrorCode;
import io.vigil.model.MeasuredValue;
import io.vigil.model.Measurement;
import io.vigil.model.TimeSource;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShippedTemplatesTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void everyShippedTemplate_compiles_andNamesItsSource() {
        for (String name : ShippedTemplates.names()) {
            MappingTemplate template = shipped(name);
            assertThat(template.name()).isEqualTo(name);
            assertThat(template.source()).startsWith("https://");
            assertThat(template.description()).isNotBlank();
        }
        assertThat(ShippedTemplates.text("no-such-template")).isEmpty();
    }

    @Test
    void withings_publishedGetmeasAnswer_mapsPulseAndWeight_andSkipsUnmappedTypes() {
        List<DeviceMessage> messages = ok(shipped("withings-measures").map(example("withings-getmeas.json"), "scale-1", RECEIVED));

        // Groups 676178693 and 676178692 hold only type 91 (pulse wave velocity), which Vigil does not map.
        assertThat(messages).extracting(DeviceMessage::messageId).containsExactly("676178722", "676178721");
        Measurement pulse = messages.get(0).measurements().getFirst();
        assertThat(pulse.type().alias()).isEqualTo("heart-rate");
        assertThat(quantity(pulse)).isEqualTo(65.0);
        assertThat(pulse.time()).isEqualTo(Instant.ofEpochSecond(1482405290));
        assertThat(pulse.timeSource()).isEqualTo(TimeSource.DEVICE);
        Measurement weight = messages.get(1).measurements().getFirst();
        assertThat(weight.type().alias()).isEqualTo("body-weight");
        assertThat(quantity(weight)).isCloseTo(58.788, within(1e-9)); // 58788 × 10^-3 kg
        assertThat(messages.get(1).measurements()).hasSize(1); // fat mass (8) and muscle mass (76) are not mapped
    }

    @Test
    void withings_bloodPressureGroup_becomesOnePanel() {
        // Shape from the Getmeas documentation; values ours: 12000 × 10^-2 = 120 mmHg, 8 × 10^1 = 80 mmHg.
        String payload = """
                {"status": 0, "body": {"updatetime": 1700000100, "measuregrps": [
                  {"grpid": 9, "attrib": 0, "date": 1700000000, "category": 1, "measures": [
                    {"value": 8, "type": 9, "unit": 1}, {"value": 12000, "type": 10, "unit": -2},
                    {"value": 61, "type": 11, "unit": 0}]},
                  {"grpid": 10, "attrib": 2, "date": 1700000000, "category": 2, "measures": [
                    {"value": 7000, "type": 1, "unit": -2}]}]}}""";
        List<DeviceMessage> messages = ok(shipped("withings-measures")
                .map(payload.getBytes(StandardCharsets.UTF_8), "bp-1", RECEIVED));

        assertThat(messages).hasSize(1); // the category-2 group is a user objective, not a measurement
        List<Measurement> readings = messages.getFirst().measurements();
        assertThat(readings).extracting(m -> m.type().alias()).containsExactly("blood-pressure", "heart-rate");
        MeasuredValue.Panel panel = (MeasuredValue.Panel) readings.getFirst().value();
        assertThat(panel.component("systolic-bp").orElseThrow().quantity().value()).isEqualTo(120.0);
        assertThat(panel.component("diastolic-bp").orElseThrow().quantity().value()).isEqualTo(80.0);
        assertThat(panel.component("systolic-bp").orElseThrow().quantity().unit()).isEqualTo("mm[Hg]");
    }

    @Test
    void withings_measureWithoutItsUnit_orTwiceInAGroup_isRefusedNamingTheSelector() {
        // The value and its power of ten are read side by side (one filter walk); the answers stay those of each
        // selector on its own.
        String noUnit = """
                {"body": {"measuregrps": [{"grpid": 1, "date": 1700000000, "category": 1,
                  "measures": [{"value": 72, "type": 11}]}]}}""";
        DecodeError missing = failure(shipped("withings-measures").map(noUnit.getBytes(StandardCharsets.UTF_8), "s-1", RECEIVED));
        assertThat(missing.code()).isEqualTo(ErrorCode.SELECTOR_MISSING);
        assertThat(missing.reason()).contains("heart-rate").contains("@.measures[?(@.type == 11)].unit found nothing");

        String twice = """
                {"body": {"measuregrps": [{"grpid": 1, "date": 1700000000, "category": 1,
                  "measures": [{"value": 72, "type": 11, "unit": 0}, {"value": 73, "type": 11, "unit": 0}]}]}}""";
        DecodeError ambiguous = failure(shipped("withings-measures").map(twice.getBytes(StandardCharsets.UTF_8), "s-1", RECEIVED));
        assertThat(ambiguous.code()).isEqualTo(ErrorCode.SELECTOR_AMBIGUOUS);
        assertThat(ambiguous.reason()).contains("@.measures[?(@.type == 11)].value found more than one value");

        String nullValue = """
                {"body": {"measuregrps": [{"grpid": 1, "date": 1700000000, "category": 1,
                  "measures": [{"value": null, "type": 11, "unit": 0}, {"value": 80, "type": 1, "unit": 0}]}]}}""";
        List<DeviceMessage> messages = ((DecodeResult.Ok<List<DeviceMessage>>) shipped("withings-measures")
                .map(nullValue.getBytes(StandardCharsets.UTF_8), "s-1", RECEIVED)).value();
        assertThat(messages.getFirst().measurements()).extracting(m -> m.type().alias()).containsExactly("body-weight");
    }

    @Test
    void withings_systolicWithoutDiastolic_isRefusedAsMissingComponent() {
        String payload = """
                {"body": {"measuregrps": [{"grpid": 1, "date": 1700000000, "category": 1,
                  "measures": [{"value": 120, "type": 10, "unit": 0}]}]}}""";
        DecodeResult<List<DeviceMessage>> result = shipped("withings-measures")
                .map(payload.getBytes(StandardCharsets.UTF_8), "bp-1", RECEIVED);

        assertThat(failure(result).code()).isEqualTo(ErrorCode.MISSING_COMPONENT);
        assertThat(failure(result).reason()).contains("diastolic-bp");
    }

    @Test
    void nightscout_apiV3Example_mapsSensorGlucoseGivenAsStrings() {
        List<DeviceMessage> messages = ok(shipped("nightscout-entries").map(example("nightscout-v3-entries.json"), "cgm-1", RECEIVED));

        assertThat(messages).extracting(DeviceMessage::messageId)
                .containsExactly("5c5a2404e0196f4d3d9a718a", "5c5a2404e0196f4d3d9a7187");
        Measurement first = messages.getFirst().measurements().getFirst();
        assertThat(first.type().alias()).isEqualTo("cgm-glucose");
        assertThat(quantity(first)).isEqualTo(171.0);
        assertThat(first.time()).isEqualTo(Instant.parse("2014-07-19T09:44:15Z")); // = dateString 02:44:15-07:00
        assertThat(quantity(messages.get(1).measurements().getFirst())).isEqualTo(176.0);
    }

    @Test
    void nightscout_apiV1Upload_mapsSgv() {
        List<DeviceMessage> messages = ok(shipped("nightscout-entries").map(example("nightscout-v1-upload.json"), "cgm-1", RECEIVED));

        Measurement reading = messages.getFirst().measurements().getFirst();
        assertThat(quantity(reading)).isEqualTo(108.0);
        // The template reads "date" (Unix ms); the published example's dateString says 2025, a year off its date.
        assertThat(reading.time()).isEqualTo(Instant.parse("2024-03-21T14:00:00Z"));
        assertThat(messages.getFirst().messageId()).isNull();
    }

    @Test
    void nightscout_calibrationOnly_findsNoReading() {
        String payload = "[{\"type\": \"cal\", \"date\": 1700000000000, \"slope\": 850, \"intercept\": 31000}]";
        DecodeResult<List<DeviceMessage>> result = shipped("nightscout-entries")
                .map(payload.getBytes(StandardCharsets.UTF_8), "cgm-1", RECEIVED);

        assertThat(failure(result).code()).isEqualTo(ErrorCode.NO_READINGS);
    }

    @Test
    void iomt_heartRateExample_maps() {
        List<DeviceMessage> messages = ok(shipped("azure-iomt-jsonpath").map(example("iomt-heart-rate.json"), "device123", RECEIVED));

        Measurement reading = messages.getFirst().measurements().getFirst();
        assertThat(reading.type().alias()).isEqualTo("heart-rate");
        assertThat(quantity(reading)).isEqualTo(78.0);
        assertThat(reading.time()).isEqualTo(Instant.parse("2019-02-01T22:46:01.875Z"));
    }

    @Test
    void iomt_bloodPressureExample_mapsOnePanel() {
        List<DeviceMessage> messages = ok(shipped("azure-iomt-jsonpath").map(example("iomt-blood-pressure.json"), "device123", RECEIVED));

        MeasuredValue.Panel panel = (MeasuredValue.Panel) messages.getFirst().measurements().getFirst().value();
        assertThat(panel.component("systolic-bp").orElseThrow().quantity().value()).isEqualTo(123.0);
        assertThat(panel.component("diastolic-bp").orElseThrow().quantity().value()).isEqualTo(87.0);
    }

    @Test
    void iomt_publishedArrayExample_isRefusedForItsHour24() {
        DecodeResult<List<DeviceMessage>> result = shipped("azure-iomt-jsonpath").map(example("iomt-array.json"), "device123", RECEIVED);

        assertThat(failure(result).code()).isEqualTo(ErrorCode.INVALID_TIME);
        assertThat(failure(result).field()).contains("#3");
    }

    @Test
    void iomt_arrayWithValidTimes_mapsEveryReading() {
        byte[] fixed = new String(example("iomt-array.json"), StandardCharsets.UTF_8)
                .replace("2019-02-01T24:46:01", "2019-02-02T00:46:01").getBytes(StandardCharsets.UTF_8);
        List<DeviceMessage> messages = ok(shipped("azure-iomt-jsonpath").map(fixed, "device123", RECEIVED));

        assertThat(messages).extracting(m -> quantity(m.measurements().getFirst())).containsExactly(78.0, 81.0, 72.0);
    }

    @Test
    void iomt_deviceIdOfAnotherDevice_isRefused() {
        DecodeResult<List<DeviceMessage>> result = shipped("azure-iomt-jsonpath").map(example("iomt-heart-rate.json"), "device999", RECEIVED);

        assertThat(failure(result).code()).isEqualTo(ErrorCode.DEVICE_MISMATCH);
        assertThat(failure(result).reason()).contains("device123").contains("device999");
    }

    private static double quantity(Measurement measurement) {
        return ((MeasuredValue.Quantity) measurement.value()).value();
    }

    private static io.vigil.codec.DecodeError failure(DecodeResult<List<DeviceMessage>> result) {
        assertThat(result).isInstanceOf(DecodeResult.Failure.class);
        return ((DecodeResult.Failure<List<DeviceMessage>>) result).error();
    }
}
