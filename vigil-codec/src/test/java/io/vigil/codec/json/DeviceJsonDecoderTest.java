package io.vigil.codec.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vigil.codec.DecodeResult;
import io.vigil.codec.DeviceMessage;
import io.vigil.model.MeasuredValue;
import io.vigil.model.Measurement;
import io.vigil.model.MeasurementRegistry;
import io.vigil.model.TimeSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Payloads Vigil accepts: shapes, keys, units and times. */
class DeviceJsonDecoderTest {

    static final Instant RECEIVED = Instant.parse("2026-11-25T10:16:00Z");
    private static final double EXACT = 1e-9;

    private final DeviceJsonDecoder decoder = new DeviceJsonDecoder(MeasurementRegistry.standard());

    @Test
    void decode_designExample_yieldsEveryKindInKeyOrder() {
        DeviceMessage message = single("""
                {"id": "optional-msg-id", "time": "2026-11-25T10:15:30Z", "values": {"heart-rate": 72, "spo2": 97,
                "body-temperature": {"value": 99.1, "unit": "[degF]"},
                "blood-pressure": {"systolic": 120, "diastolic": 80, "mean": 93}, "consciousness": "V"}}""");

        assertThat(message.messageId()).isEqualTo("optional-msg-id");
        assertThat(message.measurements()).extracting(m -> m.type().alias())
                .containsExactly("heart-rate", "spo2", "body-temperature", "blood-pressure", "consciousness");
        assertThat(message.measurements()).allSatisfy(m -> {
            assertThat(m.time()).isEqualTo(Instant.parse("2026-11-25T10:15:30Z"));
            assertThat(m.timeSource()).isEqualTo(TimeSource.DEVICE);
        });
        assertThat(quantity(message.measurements().get(0))).isEqualTo(new MeasuredValue.Quantity(72, "/min"));
        assertThat(quantity(message.measurements().get(1))).isEqualTo(new MeasuredValue.Quantity(97, "%"));
        MeasuredValue.Panel bp = (MeasuredValue.Panel) message.measurements().get(3).value();
        assertThat(bp.components()).extracting(c -> c.type().alias(), c -> c.quantity().value())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("systolic-bp", 120.0),
                        org.assertj.core.groups.Tuple.tuple("diastolic-bp", 80.0),
                        org.assertj.core.groups.Tuple.tuple("mean-bp", 93.0));
        assertThat(((MeasuredValue.Coded) message.measurements().get(4).value()).answer().code()).isEqualTo("V");
    }

    // Conversions below are checked against the definitions, not against the registry's factors:
    // °F→°C: t/°C = (t/°F − 32) × 5/9 (UCUM [degF]; NIST SP 811, B.9); 98.6 °F = 37 °C exactly.
    // 1 lb (avoirdupois) = 0.45359237 kg exactly (NIST SP 811, B.9; UCUM [lb_av]); 154.3 lb = 69.989302691 kg.
    // 1 mm Hg = 133.322387415 Pa (UCUM mm[Hg]; NIST SP 811, B.9 "conventional"); 16 kPa = 120.009852135… mm[Hg].
    // Glucose C6H12O6 molar mass 180.156 g/mol (UCUM/IUPAC atomic weights): 5.5 mmol/L = 99.0858 mg/dL.

    @Test
    void decode_fahrenheitTemperature_convertsToExactCelsius() {
        Measurement m = only("{\"values\": {\"body-temperature\": {\"value\": 98.6, \"unit\": \"[degF]\"}}}");
        assertThat(quantity(m).unit()).isEqualTo("Cel");
        assertThat(quantity(m).value()).isCloseTo(37.0, within(EXACT));
    }

    @Test
    void decode_poundsWithSynonymUnit_convertsToKilograms() {
        Measurement pounds = only("{\"values\": {\"body-weight\": {\"value\": 154.3, \"unit\": \"[lb_av]\"}}}");
        Measurement lbs = only("{\"values\": {\"body-weight\": {\"unit\": \"lbs\", \"value\": 154.3}}}");
        assertThat(quantity(pounds).value()).isCloseTo(69.989302691, within(EXACT));
        assertThat(quantity(pounds).unit()).isEqualTo("kg");
        assertThat(quantity(lbs)).isEqualTo(quantity(pounds));
    }

    @Test
    void decode_bloodPressureInKilopascal_convertsEveryComponentToMmHg() {
        MeasuredValue.Panel bp = panel(only(
                "{\"values\": {\"blood-pressure\": {\"unit\": \"kPa\", \"systolic\": 16, \"diastolic\": 10.7, \"mean\": 12.4}}}"));
        assertThat(bp.component("systolic-bp").orElseThrow().quantity().value())
                .isCloseTo(120.009852135305013, within(EXACT));
        assertThat(bp.component("diastolic-bp").orElseThrow().quantity().value())
                .isCloseTo(80.256588615485228, within(EXACT));
        assertThat(bp.component("mean-bp").orElseThrow().quantity().value())
                .isCloseTo(93.007635404861385, within(EXACT));
        assertThat(bp.components()).allSatisfy(c -> assertThat(c.quantity().unit()).isEqualTo("mm[Hg]"));
    }

    @Test
    void decode_bloodPressureComponentUnitOverridesPanelUnit() {
        MeasuredValue.Panel bp = panel(only("""
                {"values": {"blood-pressure": {"unit": "mmHg", "diastolic": 80, "systolic": {"value": 16, "unit": "kPa"}}}}"""));
        assertThat(bp.components()).extracting(c -> c.type().alias()).containsExactly("systolic-bp", "diastolic-bp");
        assertThat(bp.component("systolic-bp").orElseThrow().quantity().value())
                .isCloseTo(120.009852135305013, within(EXACT));
        assertThat(bp.component("diastolic-bp").orElseThrow().quantity().value()).isEqualTo(80.0);
    }

    @Test
    void decode_bloodPressureWithFullComponentAliases_isAccepted() {
        MeasuredValue.Panel bp = panel(only(
                "{\"values\": {\"blood-pressure\": {\"mean-bp\": 93, \"diastolic-bp\": 80, \"systolic-bp\": 120}}}"));
        assertThat(bp.components()).extracting(c -> c.type().alias())
                .containsExactly("systolic-bp", "diastolic-bp", "mean-bp");
    }

    @Test
    void decode_glucoseInMillimolesPerLitre_convertsToMilligramsPerDecilitre() {
        Measurement m = only("{\"values\": {\"blood-glucose\": {\"value\": 5.5, \"unit\": \"mmol/L\"}}}");
        assertThat(quantity(m).value()).isCloseTo(99.0858, within(EXACT));
        assertThat(quantity(m).unit()).isEqualTo("mg/dL");
    }

    @Test
    void decode_loincKeys_resolveToTheirTypes() {
        DeviceMessage message = single(
                "{\"values\": {\"8867-4\": 72, \"59408-5\": 96, \"85354-9\": {\"systolic\": 120, \"diastolic\": 80}}}");
        assertThat(message.measurements()).extracting(m -> m.type().alias())
                .containsExactly("heart-rate", "spo2", "blood-pressure");
    }

    @Test
    void decode_aliasInOtherCase_resolves() {
        assertThat(only("{\"values\": {\"Heart-Rate\": 72}}").type().alias()).isEqualTo("heart-rate");
    }

    @Test
    void decode_consciousnessInLowerCase_resolvesToAcvpuAnswer() {
        Measurement m = only("{\"values\": {\"consciousness\": \"v\"}}");
        assertThat(((MeasuredValue.Coded) m.value()).answer().display()).isEqualTo("Responds to voice");
    }

    @Test
    void decode_noTime_usesReceiveTimeAndSaysSo() {
        Measurement m = only("{\"values\": {\"heart-rate\": 72}}");
        assertThat(m.time()).isEqualTo(RECEIVED);
        assertThat(m.timeSource()).isEqualTo(TimeSource.RECEIVED);
    }

    @Test
    void decode_timeWithOffset_isTheSameInstant() {
        Measurement m = only("{\"time\": \"2026-11-25T11:15:30.250+01:00\", \"values\": {\"heart-rate\": 72}}");
        assertThat(m.time()).isEqualTo(Instant.parse("2026-11-25T10:15:30.250Z"));
        assertThat(m.timeSource()).isEqualTo(TimeSource.DEVICE);
    }

    @Test
    void decode_timeExactlyAtSkewLimit_isAccepted() {
        Instant limit = RECEIVED.plus(DeviceJsonLimits.defaults().maxFutureSkew());
        assertThat(only("{\"time\": \"" + limit + "\", \"values\": {\"heart-rate\": 72}}").time()).isEqualTo(limit);
    }

    @Test
    void decode_arrayOfMessages_keepsOrderIdsAndEachMessagesTime() {
        List<DeviceMessage> messages = ok("""
                [{"id": "m-1", "time": "2026-11-25T10:00:00Z", "values": {"heart-rate": 70}},
                 {"id": "m-2", "values": {"spo2": 95, "respiratory-rate": 18}},
                 {"values": {"consciousness": "A"}}]""");
        assertThat(messages).extracting(DeviceMessage::messageId).containsExactly("m-1", "m-2", null);
        assertThat(messages.get(0).measurements().getFirst().time()).isEqualTo(Instant.parse("2026-11-25T10:00:00Z"));
        assertThat(messages.get(1).measurements()).extracting(Measurement::timeSource)
                .containsExactly(TimeSource.RECEIVED, TimeSource.RECEIVED);
        assertThat(messages.get(2).measurements()).hasSize(1);
    }

    @Test
    void decode_idWithEveryAllowedCharacter_isCarriedUnchanged() {
        String id = "Az09._:-" + "x".repeat(MessageReader.MAX_ID_LENGTH - 8);
        assertThat(single("{\"id\": \"" + id + "\", \"values\": {\"heart-rate\": 72}}").messageId()).isEqualTo(id);
    }

    @Test
    void decode_sameIdTwice_decodesTheSameMessage() {
        String payload = "{\"id\": \"retry-7\", \"time\": \"2026-11-25T10:15:30Z\", \"values\": {\"heart-rate\": 72}}";
        assertThat(ok(payload)).isEqualTo(ok(payload));
    }

    @Test
    void decode_leadingUtf8ByteOrderMark_isIgnored() {
        byte[] json = "{\"values\": {\"heart-rate\": 72}}".getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[json.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(json, 0, withBom, 3, json.length);
        assertThat(decoder.decode(withBom, RECEIVED)).isInstanceOf(DecodeResult.Ok.class);
    }

    @Test
    void decode_limitsAtTheirBounds_areAccepted() {
        String payload = "[{\"values\": {\"heart-rate\": 72, \"spo2\": 97}}, {\"values\": {\"spo2\": 96}}]";
        int bytes = payload.getBytes(StandardCharsets.UTF_8).length;
        DeviceJsonDecoder tight = new DeviceJsonDecoder(MeasurementRegistry.standard(),
                new DeviceJsonLimits(bytes, 2, 2, Duration.ZERO));
        assertThat(tight.decode(payload.getBytes(StandardCharsets.UTF_8), RECEIVED)).isInstanceOf(DecodeResult.Ok.class);
    }

    private List<DeviceMessage> ok(String json) {
        DecodeResult<List<DeviceMessage>> result = decoder.decode(json.getBytes(StandardCharsets.UTF_8), RECEIVED);
        assertThat(result).isInstanceOf(DecodeResult.Ok.class);
        return ((DecodeResult.Ok<List<DeviceMessage>>) result).value();
    }

    private DeviceMessage single(String json) {
        List<DeviceMessage> messages = ok(json);
        assertThat(messages).hasSize(1);
        return messages.getFirst();
    }

    private Measurement only(String json) {
        DeviceMessage message = single(json);
        assertThat(message.measurements()).hasSize(1);
        return message.measurements().getFirst();
    }

    private static MeasuredValue.Quantity quantity(Measurement m) {
        return (MeasuredValue.Quantity) m.value();
    }

    private static MeasuredValue.Panel panel(Measurement m) {
        return (MeasuredValue.Panel) m.value();
    }
}
