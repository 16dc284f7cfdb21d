package io.vigil.codec.ble;

import static io.vigil.codec.ble.FrameBuilder.flags;
import static io.vigil.codec.ble.FrameBuilder.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vigil.codec.DecodeError;
import io.vigil.codec.DecodeResult;
import io.vigil.codec.ErrorCode;
import io.vigil.model.MeasuredValue;
import io.vigil.model.Measurement;
import io.vigil.model.MeasurementRegistry;
import io.vigil.model.TimeSource;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
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
    @ValueSource(strings = {"2A1D", "2A34", "180D", "", "2A3", "00002a37-0000-1000-8000-00805f9b34fc", "zz"})
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
}
