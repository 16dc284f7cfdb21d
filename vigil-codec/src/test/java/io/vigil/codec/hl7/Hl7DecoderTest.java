package io.vigil.codec.hl7;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vigil.codec.DecodeError;
import io.vigil.codec.DecodeResult;
import io.vigil.codec.ErrorCode;
import io.vigil.model.BodySite;
import io.vigil.model.MeasuredValue;
import io.vigil.model.Measurement;
import io.vigil.model.MeasurementRegistry;
import io.vigil.model.TimeSource;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class Hl7DecoderTest {
    private static final Instant RECEIVED = Instant.parse("2026-11-25T10:16:00Z");
    private final Hl7Decoder decoder = new Hl7Decoder(MeasurementRegistry.standard());

    private Hl7Message ok(String message) {
        DecodeResult<Hl7Message> result = decoder.decode(Pcd01Samples.bytes(message), RECEIVED);
        assertThat(result).isInstanceOf(DecodeResult.Ok.class);
        return ((DecodeResult.Ok<Hl7Message>) result).value();
    }

    private DecodeError failure(String message) {
        DecodeResult<Hl7Message> result = decoder.decode(Pcd01Samples.bytes(message), RECEIVED);
        assertThat(result).isInstanceOf(DecodeResult.Failure.class);
        return ((DecodeResult.Failure<Hl7Message>) result).error();
    }

    private void assertRefused(String message, ErrorCode code, String field) {
        DecodeError error = failure(message);
        assertThat(error.code()).as(error.reason()).isEqualTo(code);
        assertThat(error.field()).isEqualTo(field);
    }

    private static double quantity(Hl7Reading reading) {
        return ((MeasuredValue.Quantity) reading.measurement().value()).value();
    }

    @Test
    void decode_mindrayVs900_takesSpo2PulseNibpPanelAndAxillaryTemperature() {
        Hl7Message message = new Hl7Decoder(MeasurementRegistry.standard(), ZoneId.of("Asia/Shanghai"))
                .decode(Pcd01Samples.bytes(Pcd01Samples.MINDRAY_VS900), Instant.parse("2019-12-06T04:00:00Z"))
                instanceof DecodeResult.Ok<Hl7Message> ok ? ok.value() : null;
        assertThat(message).isNotNull();
        assertThat(message.controlId()).isEqualTo("1914");
        assertThat(message.profile()).isEqualTo("IHE_PCD_001");
        assertThat(message.equipmentId()).isEqualTo("00A0370098007A80");
        assertThat(message.readings()).extracting(r -> r.measurement().type().alias())
                .containsExactly("spo2", "heart-rate", "blood-pressure", "body-temperature");
        assertThat(quantity(message.readings().get(0))).isEqualTo(99);
        Measurement bp = message.readings().get(2).measurement();
        MeasuredValue.Panel panel = (MeasuredValue.Panel) bp.value();
        assertThat(panel.component("systolic-bp").orElseThrow().quantity().value()).isEqualTo(147);
        assertThat(panel.component("diastolic-bp").orElseThrow().quantity().value()).isEqualTo(90);
        assertThat(panel.component("mean-bp").orElseThrow().quantity().value()).isEqualTo(109);
        // 11:10:16 in Shanghai (UTC+8), the zone the decoder was given for times without offset.
        assertThat(bp.time()).isEqualTo(Instant.parse("2019-12-06T03:10:16Z"));
        assertThat(bp.timeSource()).isEqualTo(TimeSource.DEVICE);
        assertThat(message.readings().get(2).position()).isEqualTo("OBX[4]");
        assertThat(quantity(message.readings().get(3))).isEqualTo(35.1);
        // MDC_TEMP_AXIL names its site.
        assertThat(message.readings().get(3).measurement().bodySite()).isEqualTo(BodySite.ARMPIT);
        assertThat(message.readings().get(0).measurement().bodySite()).isNull();
        assertThat(message.notes()).singleElement().asString().contains("OBX[3]", "MDC_BLD_PERF_INDEX");
    }

    @Test
    void decode_obx20SnomedSite_isTheBodySite_inTheFirstOrAlternateCoding() {
        String head = Pcd01Samples.VIGIL_MONITOR.substring(0, Pcd01Samples.VIGIL_MONITOR.indexOf("\rOBX|2|"));
        String tympanic = head + "\rOBX|2|NM|150344^MDC_TEMP^MDC|1.4.1.1|37.2|268192^MDC_DIM_DEGC^MDC|||||F|||||||||"
                + "42859004^Tympanic membrane structure^SCT\r";
        assertThat(ok(tympanic).readings()).singleElement()
                .satisfies(r -> assertThat(r.measurement().bodySite()).isEqualTo(BodySite.TYMPANUM));
        String alternate = head + "\rOBX|2|NM|150344^MDC_TEMP^MDC|1.4.1.1|37.2|268192^MDC_DIM_DEGC^MDC|||||F|||||||||"
                + "ORAL^Oral^L^74262004^Oral cavity structure^http://snomed.info/sct\r";
        assertThat(ok(alternate).readings().getFirst().measurement().bodySite()).isEqualTo(BodySite.MOUTH);
        String unknown = head + "\rOBX|2|NM|150344^MDC_TEMP^MDC|1.4.1.1|37.2|268192^MDC_DIM_DEGC^MDC|||||F|||||||||"
                + "368209003^Right upper arm^SCT\r";
        assertThat(ok(unknown).readings().getFirst().measurement().bodySite()).isNull();
    }

    @Test
    void decode_continuaBloodPressure_onePanelAtTheObrTime_fromTheMdsEquipmentId() {
        Hl7Message message = ok(Pcd01Samples.CONTINUA_BP);
        assertThat(message.controlId()).isEqualTo("MSGID1234");
        assertThat(message.equipmentId()).isEqualTo("0123456789ABCDEF");
        assertThat(message.patientIds()).containsExactly(new PatientIdentifier("1", "Imaginary Hospital", "PI"));
        assertThat(message.readings()).singleElement().satisfies(r -> {
            MeasuredValue.Panel panel = (MeasuredValue.Panel) r.measurement().value();
            assertThat(panel.components()).extracting(c -> c.type().alias() + "=" + c.quantity().value())
                    .containsExactly("systolic-bp=120.0", "diastolic-bp=80.0", "mean-bp=100.0");
            assertThat(r.measurement().time()).isEqualTo(Instant.parse("2009-08-13T09:57:15Z"));
            assertThat(r.containment()).isEqualTo("1.0.1.1");
        });
        assertThat(message.notes()).hasSize(2).anySatisfy(n -> assertThat(n).contains("OBX[1]", "MDC_TIME_SYNC_PROTOCOL"))
                .anySatisfy(n -> assertThat(n).contains("OBX[7]", "MDC_ATTR_TIME_ABS"));
    }

    @Test
    void decode_nibpHeadingWithAValue_passedOverNotAPanel() {
        // Found by the mutation test: 150020 (the NIBP heading) is the panel's MDC code, not a number.
        Hl7Message message = ok(Pcd01Samples.CONTINUA_BP.replace("OBX|3||150020^MDC_PRESS_BLD_NONINV^MDC|1.0.1|||||||X",
                "OBX|3|NM|150020^MDC_PRESS_BLD_NONINV^MDC|1.0.1|5|266016^MDC_DIM_MMHG^MDC|||||R"));
        assertThat(message.readings()).hasSize(1);
        assertThat(message.notes()).anySatisfy(n -> assertThat(n).contains("OBX[3]", "group heading"));
    }

    @Test
    void decode_geB40_takesHeartRateAndSkipsHeadersAndInvasivePressure() {
        Hl7Message message = ok(Pcd01Samples.GE_B40);
        assertThat(message.equipmentId()).isEqualTo("080019FFFE0B4020");
        assertThat(message.readings()).singleElement().satisfies(r -> {
            assertThat(r.measurement().type().alias()).isEqualTo("heart-rate");
            assertThat(quantity(r)).isEqualTo(80);
            assertThat(r.containment()).isEqualTo("1.5.1.1");
            // No OBX-14: the OBR-7 time, with its +01:00 offset.
            assertThat(r.measurement().time()).isEqualTo(Instant.parse("2024-03-05T09:15:00Z"));
        });
        assertThat(message.notes()).hasSize(5).anySatisfy(n -> assertThat(n).contains("MDC_PRESS_BLD_ART_SYS"));
    }

    @Test
    void decode_pcdShape_groupsNibpMapsUnitsAndReadsPatientIdentifiers() {
        Hl7Message message = ok(Pcd01Samples.VIGIL_MONITOR);
        assertThat(message.equipmentId()).isEqualTo("ACDE48234567ABCD");
        assertThat(message.patientIds()).containsExactly(new PatientIdentifier("MRN-123", "VIGIL", "MR"),
                new PatientIdentifier("99-888", "NHS", "NH"));
        assertThat(message.readings()).extracting(r -> r.measurement().type().alias())
                .containsExactly("blood-pressure", "spo2", "body-temperature");
        assertThat(quantity(message.readings().get(2))).isCloseTo(37.0, within(1e-9));
        assertThat(message.readings().get(1).measurement().time()).isEqualTo(Instant.parse("2026-11-25T10:14:00Z"));
        assertThat(message.notes()).singleElement().asString().contains("OBX[6]", "could not obtain");
    }

    @Test
    void decode_lineFeedsInsteadOfCarriageReturns_sameReadings() {
        assertThat(ok(Pcd01Samples.VIGIL_MONITOR.replace('\r', '\n')).readings()).hasSize(3);
    }

    @Test
    void decode_adtMessage_isUnsupported() {
        assertRefused("MSH|^~\\&|A|B|||20261125101500||ADT^A01^ADT_A01|X1|P|2.6\rPID|||1\r",
                ErrorCode.HL7_UNSUPPORTED_MESSAGE, "MSH-9");
    }

    @Test
    void decode_notHl7_failsAtMsh() {
        assertThat(failure("{\"heart-rate\": 72}").code()).isEqualTo(ErrorCode.HL7_NOT_PARSEABLE);
        assertThat(failure("").code()).isEqualTo(ErrorCode.HL7_NOT_PARSEABLE);
    }

    @Test
    void decode_wrongUnit_failsWithObxField() {
        assertRefused(Pcd01Samples.VIGIL_MONITOR.replace("97|%^%^UCUM", "97|266016^MDC_DIM_MMHG^MDC"),
                ErrorCode.UNSUPPORTED_UNIT, "OBX[5]-6");
    }

    @Test
    void decode_valueNotANumber_failsWithObxField() {
        assertRefused(Pcd01Samples.VIGIL_MONITOR.replace("|97|", "|9x7|"), ErrorCode.INVALID_VALUE, "OBX[5]-5");
    }

    @Test
    void decode_missingControlId_failsAtMsh10() {
        assertRefused(Pcd01Samples.VIGIL_MONITOR.replace("|MSG-0001|P|", "||P|"),
                ErrorCode.HL7_MISSING_FIELD, "MSH-10");
    }

    @Test
    void decode_sentinelValues_onlyNoMeasurementFailure() {
        String sentinels = String.join("\r",
                "MSH|^~\\&|XH80X^00A037009B000000^EUI-64||||20210611102047||ORU^R01^ORU_R01|41|P|2.4|||AL|NE||UNICODE UTF-8",
                "PID|||^^^^PI||^^^^^^L|||||",
                "OBR|1|41^XH80X^00A037009B000000^EUI-64||182777000^monitoring of patient^SCT|||20210611102047",
                "OBX|1|NM|150301^MDC_PRESS_CUFF_SYS^MDC|1.1.9.150301|-999|266016^MDC_DIM_MMHG^MDC||||||||20210611102047",
                "OBX|5|NM|150456^MDC_PULS_OXIM_SAT_O2^MDC|1.3.1.150456|-999|262688^MDC_DIM_PERCENT^MDC||||||||20210611102047",
                "OBX|7|NM|150344^MDC_TEMP^MDC|1.13.1.150344|-99.9|268192^MDC_DIM_DEGC^MDC||||||||20210611102047");
        DecodeError error = failure(sentinels);
        assertThat(error.code()).isEqualTo(ErrorCode.HL7_NO_MEASUREMENT);
        assertThat(error.reason()).contains("OBX[2]", "plausible");
    }

    @Test
    void decode_twoDevices_refused() {
        DecodeError error = failure(Pcd01Samples.VIGIL_MONITOR.replace("|||||R", "|||||R|||||||FFFF000000000001^EUI-64"));
        assertThat(error.code()).isEqualTo(ErrorCode.HL7_DEVICE_IDENTITY);
    }

    @Test
    void decode_noDeviceAnywhere_refused() {
        String anonymous = Pcd01Samples.VIGIL_MONITOR.replace("VIGIL_TEST^ACDE48234567ABCD^EUI-64", "VIGIL_TEST")
                .replace("ACDE48234567ABCD^EUI-64\r", "\r");
        assertThat(failure(anonymous).code()).isEqualTo(ErrorCode.HL7_DEVICE_IDENTITY);
    }

    @Test
    void decode_prtParticipationDevice_namesTheDevice() {
        String withPrt = Pcd01Samples.VIGIL_MONITOR.replace("VIGIL_TEST^ACDE48234567ABCD^EUI-64", "VIGIL_TEST")
                .replace("ACDE48234567ABCD^EUI-64\r", "\rPRT||UC||EQUIP^Equipment^HL70912||||||0011223344556677^^0011223344556677^EUI-64\r");
        assertThat(ok(withPrt).equipmentId()).isEqualTo("0011223344556677");
    }

    @Test
    void decode_timeFarInFuture_refused() {
        assertRefused(Pcd01Samples.VIGIL_MONITOR.replace("20261125101300+0000", "20271125101300+0000"),
                ErrorCode.INVALID_TIME, "OBX[2]-14");
    }

    @Test
    void decode_latin1_onlyWhenMsh18DeclaresIt() {
        String latin1 = Pcd01Samples.VIGIL_MONITOR.replace("UNICODE UTF-8", "8859/1").replace("|WARD-A|", "|SOINS-INTENSIFS-\u00C9|");
        DecodeResult<Hl7Message> declared = decoder.decode(latin1.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), RECEIVED);
        assertThat(declared).isInstanceOfSatisfying(DecodeResult.Ok.class,
                ok -> assertThat(((Hl7Message) ok.value()).sendingFacility()).isEqualTo("SOINS-INTENSIFS-\u00C9"));
        byte[] undeclared = latin1.replace("8859/1", "UNICODE UTF-8").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        DecodeResult<Hl7Message> refused = decoder.decode(undeclared, RECEIVED);
        assertThat(refused).isInstanceOfSatisfying(DecodeResult.Failure.class,
                f -> assertThat(f.error().code()).isEqualTo(ErrorCode.HL7_NOT_PARSEABLE));
    }

    @Test
    void decode_escapedSeparatorsInText_areUnescaped() {
        Hl7Message message = ok(Pcd01Samples.VIGIL_MONITOR.replace("|WARD-A|", "|WARD\\T\\A|"));
        assertThat(message.sendingFacility()).isEqualTo("WARD&A");
    }

    @Test
    void acknowledgement_echoesControlIdAndCarriesErr() {
        String ack = Hl7Acknowledgement.build(Pcd01Samples.bytes(Pcd01Samples.VIGIL_MONITOR), Hl7Acknowledgement.Code.AE,
                "OBX[5]-6 is not a unit", "VIGIL-1003", "OBX[5]-6", RECEIVED, "ACK-1");
        List<String> segments = List.of(ack.split("\r"));
        assertThat(segments.get(0)).startsWith("MSH|^~\\&|VIGIL|VIGIL|VIGIL_TEST|WARD-A|20261125101600+0000||ACK^R01^ACK|ACK-1|P|2.6");
        assertThat(segments.get(1)).isEqualTo("MSA|AE|MSG-0001|OBX[5]-6 is not a unit");
        assertThat(segments.get(2)).isEqualTo("ERR||OBX^5^6|102^Data type error^HL70357|E|VIGIL-1003^^99VIGIL|||OBX[5]-6 is not a unit");
        assertThat(Hl7Acknowledgement.read(ack)).isEqualTo(new Hl7Acknowledgement.Received("AE", "MSG-0001", "OBX[5]-6 is not a unit"));
    }
}
