package io.vigil.codec.ble;

import static io.vigil.codec.ble.FrameBuilder.flags;
import static io.vigil.codec.ble.FrameBuilder.hex;
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
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Published examples (DEVICES.md) and the decisions the decoder makes about special values, time and units. */
class GattDecoderTest {
    static final Instant RECEIVED = Instant.parse("2026-11-25T10:15:30Z");
    /** 1 kPa in mm[Hg]: 1000 Pa / 133.322387415 Pa. */
    private static final double MMHG_PER_KPA = 1000 / 133.322387415;

    private final GattDecoder decoder = new GattDecoder(MeasurementRegistry.standard());

    @Test
    void heartRate_publishedExample_0055_is85bpm() {
        GattReading reading = ok("2A37", hex("00 55"));
        assertThat(reading.measurements()).singleElement().satisfies(m -> {
            assertThat(m.type().alias()).isEqualTo("heart-rate");
            assertThat(m.value()).isEqualTo(new MeasuredValue.Quantity(85, "/min"));
            assertThat(m.time()).isEqualTo(RECEIVED);
            assertThat(m.timeSource()).isEqualTo(TimeSource.RECEIVED);
        });
        assertThat(reading.deviceTime()).isNull();
    }

    @Test
    void bloodPressure_publishedExampleInMmHg_isImplausibleAtTheSystolicOffset() {
        // 18.9 / 11.0 / 15.9 with the mmHg flag: decoded as sent, then refused by the plausible range (30–300).
        DecodeError error = failure("2A35", hex("00 BD F0 0B 00 9F F0"));
        assertThat(error.code()).isEqualTo(ErrorCode.IMPLAUSIBLE_VALUE);
        assertThat(error.offset()).isEqualTo(1);
        assertThat(error.reason()).contains("18.9");
    }

    @Test
    void bloodPressure_publishedValuesInKpa_areConvertedToMmHg() {
        Measurement bp = ok("2A35", hex("01 BD F0 0B 00 9F F0")).measurements().getFirst();
        MeasuredValue.Panel panel = (MeasuredValue.Panel) bp.value();
        assertThat(panel.component("systolic-bp").orElseThrow().quantity().value()).isCloseTo(18.9 * MMHG_PER_KPA, within(1e-9));
        assertThat(panel.component("diastolic-bp").orElseThrow().quantity().value()).isCloseTo(11.0 * MMHG_PER_KPA, within(1e-9));
        assertThat(panel.component("mean-bp").orElseThrow().quantity().value()).isCloseTo(15.9 * MMHG_PER_KPA, within(1e-9));
        assertThat(panel.components()).allSatisfy(c -> assertThat(c.quantity().unit()).isEqualTo("mm[Hg]"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2A37", "2a37", "0x2A37", "0X2a37", " 2A37 ", "00002a37-0000-1000-8000-00805f9b34fb",
            "00002A37-0000-1000-8000-00805F9B34FB"})
    void decode_acceptsShortAndFullUuids(String uuid) {
        assertThat(decoder.decode(uuid, hex("00 55"), RECEIVED)).isInstanceOf(DecodeResult.Ok.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2A38", "2A99", "180D", "", "2A3", "00002a37-0000-1000-8000-00805f9b34fc", "zz"})
    void decode_unknownCharacteristic_isUnsupportedFormat(String uuid) {
        assertThat(failure(uuid, hex("00 55")).code()).isEqualTo(ErrorCode.UNSUPPORTED_FORMAT);
    }

    @Test
    void decode_nullUuidAndValue_areFailuresNotExceptions() {
        assertThat(failure(null, hex("00 55")).code()).isEqualTo(ErrorCode.UNSUPPORTED_FORMAT);
        assertThat(failure("2A37", null)).isEqualTo(failure("2A37", new byte[0]));
        assertThat(failure("2A37", new byte[0]).offset()).isZero();
    }

    @Test
    void decode_valueLongerThanAtt_isTooLarge() {
        assertThat(failure("2A37", new byte[513]).code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
    }

    @Test
    void bloodPressure_nanMeanArterialPressure_dropsOnlyTheMean() {
        byte[] value = flags(0).sfloat(120, 0).sfloat(80, 0).sfloatRaw(0x07FF).build();
        GattReading reading = ok("2A35", value);
        MeasuredValue.Panel panel = (MeasuredValue.Panel) reading.measurements().getFirst().value();
        assertThat(panel.components()).extracting(c -> c.type().alias()).containsExactly("systolic-bp", "diastolic-bp");
        assertThat(reading.notes()).contains("mean arterial pressure: NaN (not a number)");
    }

    @Test
    void bloodPressure_specialSystolic_withNothingElse_failsWithSpecialValueAtItsOffset() {
        byte[] value = flags(0).sfloatRaw(0x0800).sfloat(80, 0).sfloat(93, 0).build();
        DecodeError error = failure("2A35", value);
        assertThat(error.code()).isEqualTo(ErrorCode.SPECIAL_VALUE);
        assertThat(error.offset()).isEqualTo(1);
        assertThat(error.reason()).contains("NRes");
    }

    @Test
    void bloodPressure_specialSystolic_keepsThePulseRate() {
        byte[] value = flags(0x04).sfloatRaw(0x07FE).sfloat(80, 0).sfloat(93, 0).sfloat(72, 0).build();
        GattReading reading = ok("2A35", value);
        assertThat(reading.measurements()).extracting(m -> m.type().alias()).containsExactly("heart-rate");
        assertThat(reading.notes()).contains("systolic: +INFINITY");
    }

    @Test
    void temperature_float_fahrenheit_isConvertedToCelsius() {
        Measurement t = ok("2A1C", flags(0x01).float32(986, -1).build()).measurements().getFirst();
        assertThat(((MeasuredValue.Quantity) t.value()).value()).isCloseTo(37.0, within(1e-9));
        assertThat(((MeasuredValue.Quantity) t.value()).unit()).isEqualTo("Cel");
    }

    @Test
    void temperature_nan_failsWithSpecialValue() {
        DecodeError error = failure("2A1C", flags(0).float32Raw(0x007FFFFF).build());
        assertThat(error.code()).isEqualTo(ErrorCode.SPECIAL_VALUE);
        assertThat(error.offset()).isEqualTo(1);
    }

    @Test
    void deviceTime_isUsedAndTheClockOffsetRecorded() {
        byte[] value = flags(0x02).float32(367, -1).dateTime(2026, 11, 25, 10, 10, 30).build();
        GattReading reading = ok("2A1C", value);
        assertThat(reading.timeSource()).isEqualTo(TimeSource.DEVICE);
        assertThat(reading.deviceTime()).isEqualTo(Instant.parse("2026-11-25T10:10:30Z"));
        assertThat(reading.clockOffset()).isEqualTo(Duration.ofMinutes(5));
        assertThat(reading.measurements().getFirst().time()).isEqualTo(Instant.parse("2026-11-25T10:10:30Z"));
    }

    @Test
    void deviceTime_withYearZero_isUnknown_receiveTimeUsed() {
        GattReading reading = ok("2A1C", flags(0x02).float32(367, -1).dateTime(0, 11, 25, 10, 10, 30).build());
        assertThat(reading.timeSource()).isEqualTo(TimeSource.RECEIVED);
        assertThat(reading.deviceTime()).isNull();
        assertThat(reading.measurements().getFirst().time()).isEqualTo(RECEIVED);
    }

    @Test
    void deviceTime_farAhead_isNotTrusted_butItsOffsetIsRecorded() {
        GattReading reading = ok("2A1C", flags(0x02).float32(367, -1).dateTime(2027, 1, 1, 0, 0, 0).build());
        assertThat(reading.timeSource()).isEqualTo(TimeSource.RECEIVED);
        assertThat(reading.clockOffset()).isNegative();
        assertThat(reading.measurements().getFirst().time()).isEqualTo(RECEIVED);
    }

    @Test
    void deviceTime_invalidDate_failsWithInvalidTimeAtItsOffset() {
        DecodeError error = failure("2A1C", flags(0x02).float32(367, -1).dateTime(2026, 13, 1, 0, 0, 0).build());
        assertThat(error.code()).isEqualTo(ErrorCode.INVALID_TIME);
        assertThat(error.offset()).isEqualTo(5);
    }

    @Test
    void glucose_kgPerLitre_isMgPerDl_onBlood() {
        byte[] value = flags(0x02).u16(7).dateTime(2026, 11, 25, 10, 0, 0).sfloat(100, -5).u8(0x11).build();
        Measurement glucose = ok("2A18", value).measurements().getFirst();
        assertThat(glucose.type().alias()).isEqualTo("blood-glucose");
        assertThat(glucose.value()).isEqualTo(new MeasuredValue.Quantity(100, "mg/dL"));
    }

    @Test
    void glucose_molPerLitre_isConvertedThroughMmolPerL() {
        byte[] value = flags(0x06).u16(7).dateTime(2026, 11, 25, 10, 0, 0).sfloat(55, -4).u8(0x11).build();
        Measurement glucose = ok("2A18", value).measurements().getFirst();
        assertThat(((MeasuredValue.Quantity) glucose.value()).value()).isCloseTo(5.5 * 18.0156, within(1e-9));
    }

    @Test
    void glucose_interstitialFluid_isCgmGlucose() {
        byte[] value = flags(0x02).u16(7).dateTime(2026, 11, 25, 10, 0, 0).sfloat(120, -5).u8(0xF9).build();
        assertThat(ok("2A18", value).measurements().getFirst().type().alias()).isEqualTo("cgm-glucose");
    }

    @Test
    void glucose_controlSolution_isRefusedAtTheTypeByte() {
        byte[] value = flags(0x02).u16(7).dateTime(2026, 11, 25, 10, 0, 0).sfloat(100, -5).u8(0x4A).build();
        DecodeError error = failure("2A18", value);
        assertThat(error.code()).isEqualTo(ErrorCode.INVALID_VALUE);
        assertThat(error.offset()).isEqualTo(12);
    }

    @Test
    void glucose_withoutConcentration_hasNothingToStore() {
        assertThat(failure("2A18", flags(0).u16(7).dateTime(2026, 11, 25, 10, 0, 0).build()).code())
                .isEqualTo(ErrorCode.MISSING_VALUES);
    }

    @Test
    void weight_unsuccessful_failsWithSpecialValue() {
        DecodeError error = failure("2A9D", flags(0).u16(0xFFFF).build());
        assertThat(error.code()).isEqualTo(ErrorCode.SPECIAL_VALUE);
        assertThat(error.offset()).isEqualTo(1);
    }

    @Test
    void weight_imperial_isConvertedToKg() {
        Measurement weight = ok("2A9D", flags(0x01).u16(15430).build()).measurements().getFirst();
        assertThat(((MeasuredValue.Quantity) weight.value()).value()).isCloseTo(154.3 * 0.45359237, within(1e-9));
    }

    @Test
    void bodyComposition_withoutWeightOrHeight_isRefusedSoItReachesTheDeadLetters() {
        DecodeError error = failure("2A9C", new FrameBuilder().u16(0x0010).u16(215).u16(402).build());
        assertThat(error.code()).isEqualTo(ErrorCode.MISSING_VALUES);
    }

    @Test
    void bodyComposition_unsuccessfulWeight_isASpecialValue() {
        DecodeError error = failure("2A9C", new FrameBuilder().u16(0x0400).u16(215).u16(0xFFFF).build());
        assertThat(error.code()).isEqualTo(ErrorCode.SPECIAL_VALUE);
        assertThat(error.offset()).isEqualTo(4);
    }

    @Test
    void heartRate_zeroWithoutContact_isImplausible() {
        DecodeError error = failure("2A37", hex("04 00"));
        assertThat(error.code()).isEqualTo(ErrorCode.IMPLAUSIBLE_VALUE);
        assertThat(error.offset()).isEqualTo(1);
    }

    @Test
    void intermediateCuffPressure_isANoteNotAMeasurement() {
        byte[] value = flags(0x01).sfloat(200, -1).sfloatRaw(0x07FF).sfloatRaw(0x07FF).build();
        GattReading reading = ok("2A36", value);
        assertThat(reading.measurements()).isEmpty();
        assertThat(reading.notes()).containsExactly("current cuff pressure 20 kPa");
    }

    @Test
    void trailingBytes_areIgnoredWithANote() {
        assertThat(ok("2A37", hex("00 55 01")).notes()).containsExactly("1 trailing byte(s) at offset 2 ignored");
    }

    GattReading ok(String uuid, byte[] value) {
        DecodeResult<GattReading> result = decoder.decode(uuid, value, RECEIVED);
        assertThat(result).isInstanceOf(DecodeResult.Ok.class);
        return ((DecodeResult.Ok<GattReading>) result).value();
    }

    DecodeError failure(String uuid, byte[] value) {
        DecodeResult<GattReading> result = decoder.decode(uuid, value, RECEIVED);
        assertThat(result).isInstanceOf(DecodeResult.Failure.class);
        return ((DecodeResult.Failure<GattReading>) result).error();
    }

    @Test
    void temperatureType_alone_isItsBodySiteAsANote_andNoMeasurement() {
        GattReading reading = ok("2A1D", new byte[] {3});
        assertThat(reading.measurements()).isEmpty();
        assertThat(reading.notes()).containsExactly("temperature type: ear (usually earlobe)");
        assertThat(reading.bodySite()).isEqualTo(BodySite.EAR);
        assertThat(ok("0x2a1d", new byte[] {0x0A}).notes()).containsExactly("temperature type: reserved (10)");
        assertThat(ok("0x2a1d", new byte[] {0x0A}).bodySite()).isNull();
        assertThat(ok("2A1D", new byte[] {1, 7}).notes()).containsExactly("temperature type: armpit",
                "1 trailing byte(s) at offset 1 ignored");
    }

    @ParameterizedTest
    @CsvSource({"1, armpit, ARMPIT", "2, body (general), BODY", "3, ear (usually earlobe), EAR", "4, finger, FINGER",
            "5, gastro-intestinal tract, GASTRO_INTESTINAL_TRACT", "6, mouth, MOUTH", "7, rectum, RECTUM",
            "8, toe, TOE", "9, tympanum (ear drum), TYMPANUM"})
    void temperatureMeasurement_typeByte_isTheMeasurementsBodySite(int site, String name, BodySite expected) {
        GattReading measurement = ok("2A1C", flags(0x04).float32(367, -1).u8(site).build());
        assertThat(measurement.notes()).containsExactly("temperature type: " + name);
        assertThat(measurement.measurements()).singleElement()
                .satisfies(m -> assertThat(m.bodySite()).isEqualTo(expected));
        assertThat(ok("2A1D", new byte[] {(byte) site}).notes()).isEqualTo(measurement.notes());
        assertThat(ok("2A1D", new byte[] {(byte) site}).bodySite()).isEqualTo(expected);
    }

    @Test
    void temperatureMeasurement_withoutTypeOrWithAReservedOne_hasNoBodySite() {
        assertThat(ok("2A1C", flags(0).float32(367, -1).build()).measurements().getFirst().bodySite()).isNull();
        GattReading reserved = ok("2A1C", flags(0x04).float32(367, -1).u8(0).build());
        assertThat(reserved.measurements().getFirst().bodySite()).isNull();
        assertThat(reserved.notes()).containsExactly("temperature type: reserved (0)");
    }

    /**
     * Nordic Semiconductor Android-BLE-Common-Library, GlucoseMeasurementContextDataCallbackTest
     * (onGlucoseMeasurementContextReceived_full): flags 0xFF, sequence 0, extended flags 0xB3, dinner 100, casual,
     * tester/health 0x12 (health care professional, minor issues), 60 s at 50 %, long acting insulin 123.45
     * (flag bit 5: litres; as an SFLOAT's 12-bit mantissa holds it, 123.4), HbA1c 34.5 %.
     */
    @Test
    void glucoseContext_nordicFullVector_everyFieldNoted() {
        byte[] value = flags(0xFF).u16(0).u8(0xB3).u8(3).sfloat(100, 0).u8(4).u8(0x12).u16(60).u8(50).u8(4)
                .sfloat(1234, -1).sfloat(345, -1).build();
        GattReading reading = ok("2A34", value);
        assertThat(reading.measurements()).isEmpty();
        assertThat(reading.notes()).containsExactly(
                "sequence number 0 (context of the glucose measurement with this number)",
                "extended flags 0xb3 (reserved for future use) ignored",
                "carbohydrate: dinner 100000 g",
                "meal: casual (snacks, drinks, etc.)",
                "tester: health care professional",
                "health: minor health issues",
                "exercise duration 60 s",
                "exercise intensity 50 %",
                "medication: long acting insulin 123400 mL",
                "HbA1c 34.5 %");
    }

    @Test
    void glucoseContext_onlySequenceNumber_reservedCodesAndSpecialValues_areNamed() {
        assertThat(ok("2A34", flags(0).u16(0x1234).build()).notes())
                .containsExactly("sequence number 4660 (context of the glucose measurement with this number)");
        byte[] odd = flags(0x5F).u16(7).u8(0).sfloatRaw(0x07FF).u8(6).u8(0x0F).u16(0xFFFF).u8(0).u8(9).sfloat(2, -6)
                .sfloatRaw(0x0800).build();
        assertThat(ok("2A34", odd).notes()).containsExactly(
                "sequence number 7 (context of the glucose measurement with this number)",
                "carbohydrate: reserved (0) " + special(0x07FF),
                "meal: reserved (6)",
                "tester: not available",
                "health: reserved (0)",
                "exercise duration: overrun",
                "exercise intensity 0 %",
                "medication: reserved (9) 2 mg",
                "HbA1c " + special(0x0800));
    }

    private static String special(int raw) {
        return ((Ieee11073Float.Special) Ieee11073Float.ofSfloat(raw)).kind().description();
    }

    @Test
    void glucoseContext_cutInsideTheMedication_isTruncatedAtItsOffset() {
        byte[] value = flags(0x10).u16(1).u8(1).u8(0x08).build();
        DecodeError error = failure("2A34", value);
        assertThat(error.code()).isEqualTo(ErrorCode.TRUNCATED);
        assertThat(error.offset()).isEqualTo(4);
        assertThat(error.field()).isEqualTo("medication");
    }
}
