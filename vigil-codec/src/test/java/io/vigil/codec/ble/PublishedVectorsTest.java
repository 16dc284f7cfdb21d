package io.vigil.codec.ble;

import static io.vigil.codec.ble.FrameBuilder.hex;
import static io.vigil.codec.ble.GattDecoderTest.RECEIVED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
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
import org.junit.jupiter.api.Test;

/**
 * Values written by others: the byte arrays of Nordic Semiconductor's Android-BLE-Common-Library unit tests
 * (BloodPressureMeasurementDataCallbackTest, IntermediateCuffPressureDataCallbackTest, HeartRateMeasurementDataCallbackTest,
 * ContinuousGlucoseMeasurementDataCallbackTest, GlucoseMeasurementDataCallbackTest,
 * TemperatureMeasurementDataCallbackTest, TemperatureTypeDataCallbackTest; BSD-3-Clause), with the readings those
 * tests expect; and the Weight Measurement and Body Composition Measurement vectors of bluetooth-sig-python (MIT)
 * whose flags agree with the Weight Scale and Body Composition Services; and the PLX Continuous and Spot-check
 * byte arrays of StanfordSpezi/SpeziBluetooth's PLXTests (MIT).
 */
class PublishedVectorsTest {
    private static final double MMHG_PER_KPA = 1000 / 133.322387415;
    private final GattDecoder decoder = new GattDecoder(MeasurementRegistry.standard());

    @Test
    void nordic_bloodPressureFull_138_88_120_pulse60_user1_statusBits_yearUnknown() {
        GattReading reading = ok("2A35", hex("1E 8A00 5800 7800 0000 04 11 14 29 3B 3C00 01 2700"));
        MeasuredValue.Panel bp = (MeasuredValue.Panel) reading.measurements().get(0).value();
        assertThat(bp.components()).extracting(c -> c.quantity().value()).containsExactly(138.0, 88.0, 120.0);
        assertThat(reading.measurements().get(1).value()).isEqualTo(new MeasuredValue.Quantity(60, "/min"));
        assertThat(reading.notes()).contains("user 1", "body movement detected", "cuff too loose",
                "irregular pulse detected", "improper measurement position");
        assertThat(reading.notes()).noneMatch(n -> n.startsWith("pulse rate"));
        // Year 0: the device does not know the date (Nordic leaves Calendar.YEAR unset).
        assertThat(reading.timeSource()).isEqualTo(TimeSource.RECEIVED);
    }

    @Test
    void nordic_bloodPressureKpa_18_9_11_15_9_pulse60_lowPulseRange() {
        GattReading reading = ok("2A35", hex("15 BDF0 0B00 9FF0 3C00 1200"));
        MeasuredValue.Panel bp = (MeasuredValue.Panel) reading.measurements().get(0).value();
        assertThat(bp.components().get(0).quantity().value()).isCloseTo(18.9 * MMHG_PER_KPA, within(1e-9));
        assertThat(bp.components().get(1).quantity().value()).isCloseTo(11.0 * MMHG_PER_KPA, within(1e-9));
        assertThat(bp.components().get(2).quantity().value()).isCloseTo(15.9 * MMHG_PER_KPA, within(1e-9));
        assertThat(reading.notes()).containsExactly("cuff too loose", "pulse rate is less than lower limit");
    }

    @Test
    void nordic_cgmSmall_120mgdl() {
        Measurement m = ok("2AA7", hex("06 00 0C10 0600")).measurements().getFirst();
        assertThat(m.value()).isEqualTo(new MeasuredValue.Quantity(120, "mg/dL"));
    }

    @Test
    void nordic_cgmDouble_twoRecordsOneMinuteApart() {
        GattReading reading = ok("2AA7", hex("06 00 0C10 0500 06 00 0C10 0600"));
        assertThat(reading.measurements()).extracting(Measurement::time)
                .containsExactly(RECEIVED.minusSeconds(60), RECEIVED);
    }

    @Test
    void nordic_cgmFull_crcMatches_thenItsTestGlucoseIsImplausible() {
        byte[] value = hex("0F E3 D2E4 0500 02 14 FF 02F0 E5F3 8E3F");
        assertThat(Crc16Mcrf4xx.of(value, 0, 13)).isEqualTo(0x3F8E);
        // 12.34 mg/dL is below the CGM plausible range: the record parsed and its CRC matched, then the range refused it.
        DecodeError error = failure("2AA7", value);
        assertThat(error.code()).isEqualTo(ErrorCode.IMPLAUSIBLE_VALUE);
        assertThat(error.offset()).isEqualTo(2);
    }

    @Test
    void nordic_cgmFull_annunciationOctets_readStatusCalTempWarning() {
        // The same record with 120 mg/dL (0x0078) and its CRC recomputed.
        byte[] value = hex("0F E3 7800 0500 02 14 FF 02F0 E5F3 0000");
        int crc = Crc16Mcrf4xx.of(value, 0, 13);
        value[13] = (byte) crc;
        value[14] = (byte) (crc >> 8);
        GattReading reading = ok("2AA7", value);
        assertThat(reading.notes()).contains("record 1: device battery low", "record 1: calibration recommended",
                "record 1: sensor temperature too high for valid measurement",
                "record 1: result higher than the device can process", "record 1: trend 0.2 mg/dL/min",
                "record 1: quality 99.7 %");
        assertThat(reading.notes()).doesNotContain("record 1: session stopped");
    }

    @Test
    void nordic_cgmCrcError_isCrcMismatchAtTheCrc() {
        DecodeError error = failure("2AA7", hex("08 00 0C10 0600 586F"));
        assertThat(error.code()).isEqualTo(ErrorCode.CRC_MISMATCH);
        assertThat(error.offset()).isEqualTo(6);
        assertThat(error.reason()).contains("0x6F58").contains("0x6F59");
    }

    @Test
    void nordic_temperature_37_60C_finger_deviceTime2012() {
        GattReading reading = ok("2A1C", hex("06 B00E00FE DC07 0C 05 0B 32 1B 04"));
        assertThat(reading.measurements().getFirst().value()).isEqualTo(new MeasuredValue.Quantity(37.6, "Cel"));
        assertThat(reading.deviceTime()).isEqualTo(Instant.parse("2012-12-05T11:50:27Z"));
        assertThat(reading.timeSource()).isEqualTo(TimeSource.DEVICE);
        assertThat(reading.notes()).containsExactly("temperature type: finger");
        assertThat(reading.measurements().getFirst().bodySite()).isEqualTo(BodySite.FINGER);
    }

    @Test
    void nordic_temperatureWithoutItsTypeByte_isTruncatedAtOffset12() {
        DecodeError error = failure("2A1C", hex("06 B00E00FE DC07 0C 05 0B 32 1B"));
        assertThat(error.code()).isEqualTo(ErrorCode.TRUNCATED);
        assertThat(error.offset()).isEqualTo(12);
    }

    @Test
    void nordic_glucose_30kgPerL_isParsed_thenImplausible() {
        // Nordic's test concentration is 30 kg/L (3,000,000 mg/dL): the layout decodes, the plausible range refuses.
        DecodeError error = failure("2A18", hex("1B 0100 E307 02 1B 0B 0A 1E FBFF 1E00 12 0501"));
        assertThat(error.code()).isEqualTo(ErrorCode.IMPLAUSIBLE_VALUE);
        assertThat(error.offset()).isEqualTo(12);
        assertThat(error.reason()).contains("3000000 mg/dL");
    }

    @Test
    void nordic_glucoseMissingItsTimeOffset_isTruncated() {
        DecodeError error = failure("2A18", hex("1B 0000 E207 04 1A 0B 09 1E 1E00 12 05 01"));
        assertThat(error.code()).isEqualTo(ErrorCode.TRUNCATED);
        assertThat(error.offset()).isEqualTo(15);
    }

    @Test
    void nordic_heartRateUint8_85bpm_contact_energy50_oneRrInterval() {
        GattReading reading = ok("2A37", bytes(0x1E, 85, 50, 0, 33, 0));
        assertThat(reading.measurements()).extracting(Measurement::value)
                .containsExactly(new MeasuredValue.Quantity(85, "/min"));
        assertThat(reading.notes()).containsExactly("sensor contact detected", "energy expended 50 kJ",
                "RR intervals (s): 0.032");
    }

    @Test
    void nordic_heartRateUint16_257bpm_energy306_threeRrIntervals() {
        GattReading reading = ok("2A37", bytes(0x1F, 1, 1, 50, 1, 1, 0, 2, 1, 0xFF, 0xFF));
        assertThat(reading.measurements()).extracting(Measurement::value)
                .containsExactly(new MeasuredValue.Quantity(257, "/min"));
        assertThat(reading.notes()).contains("energy expended 306 kJ", "RR intervals (s): 0.001, 0.252, 63.999");
    }

    @Test
    void nordic_heartRateWhoseRrFlagAnnouncesNoInterval_isTruncated() {
        DecodeError error = failure("2A37", bytes(0x17, 1, 1));
        assertThat(error.code()).isEqualTo(ErrorCode.TRUNCATED);
        assertThat(error.offset()).isEqualTo(3);
    }

    @Test
    void nordic_intermediateCuffPressureFull_4mmHg_pulse60_user1_statusBits() {
        GattReading reading = ok("2A36", hex("1E 0400 0000 0000 0000 04 11 14 29 3B 3C00 01 2700"));
        assertThat(reading.measurements()).as("progress, not a result").isEmpty();
        assertThat(reading.notes()).contains("current cuff pressure 4 mm[Hg]", "pulse rate 60 /min", "user 1",
                "body movement detected", "cuff too loose", "irregular pulse detected", "improper measurement position");
        assertThat(reading.timeSource()).as("year 0: date unknown").isEqualTo(TimeSource.RECEIVED);
    }

    @Test
    void nordic_intermediateCuffPressureSome_11_1kPa_pulse60_lowPulseRange() {
        GattReading reading = ok("2A36", hex("15 6FF0 0000 0000 3C00 1200"));
        assertThat(reading.notes()).containsExactly("current cuff pressure 11.1 kPa", "pulse rate 60 /min",
                "cuff too loose", "pulse rate is less than lower limit");
    }

    @Test
    void nordic_intermediateCuffPressureMinimal_21_5mmHg() {
        assertThat(ok("2A36", hex("00 D7F0 0000 0000")).notes()).containsExactly("current cuff pressure 21.5 mm[Hg]");
    }

    @Test
    void nordic_intermediateCuffPressureTooShort_isTruncated() {
        assertThat(failure("2A36", hex("01 02 03 04 05 06")).code()).isEqualTo(ErrorCode.TRUNCATED);
    }

    @Test
    void nordic_temperatureType_3_isTheEar() {
        GattReading reading = ok("2A1D", hex("03"));
        assertThat(reading.bodySite()).isEqualTo(BodySite.EAR);
        assertThat(reading.notes()).containsExactly("temperature type: ear (usually earlobe)");
    }

    // RonanB96/bluetooth-sig-python (MIT), tests/gatt/characteristics/test_weight_measurement.py: the vectors whose
    // flags mean the same in the Weight Scale Service (that library reads bit 3 as BMI alone and bit 4 as height;
    // the service has bit 3 "BMI and height present" and bit 4 reserved, which 0x1F sets too, harmlessly).

    @Test
    void bluetoothSigPython_weight_70kg_157lb() {
        assertThat(ok("2A9D", hex("00 B036")).measurements().getFirst().value())
                .isEqualTo(new MeasuredValue.Quantity(70.0, "kg"));
        Measurement pounds = ok("2A9D", hex("01 543D")).measurements().getFirst();
        assertThat(((MeasuredValue.Quantity) pounds.value()).value()).isCloseTo(157.0 * 0.45359237, within(1e-9));
    }

    @Test
    void bluetoothSigPython_weightWithTimestamp_2023_12_25_14_30_45() {
        GattReading reading = ok("2A9D", hex("02 B036 E707 0C 19 0E 1E 2D"));
        assertThat(reading.deviceTime()).isEqualTo(Instant.parse("2023-12-25T14:30:45Z"));
        assertThat(reading.timeSource()).isEqualTo(TimeSource.DEVICE);
    }

    @Test
    void bluetoothSigPython_weightImperialFull_157lb_user3_bmi24_5_height68in() {
        GattReading reading = ok("2A9D", hex("1F 543D E707 0C 19 0E 1E 2D 03 F500 A802"));
        assertThat(reading.measurements()).extracting(m -> m.type().alias())
                .containsExactly("body-weight", "bmi", "body-height");
        assertThat(((MeasuredValue.Quantity) reading.measurements().get(1).value()).value()).isCloseTo(24.5, within(1e-9));
        assertThat(((MeasuredValue.Quantity) reading.measurements().get(2).value()).value())
                .isCloseTo(68.0 * 2.54, within(1e-9));
        assertThat(reading.notes()).contains("user 3");
    }

    // Same library, tests/gatt/characteristics/test_body_composition_measurement.py (flags as the Body Composition
    // Service defines them).

    @Test
    void bluetoothSigPython_bodyComposition_impedanceWeightHeight() {
        GattReading reading = ok("2A9C", hex("000E 4600 401F B036 E803"));
        assertThat(reading.measurements()).extracting(m -> m.type().alias(), Measurement::value).containsExactly(
                tuple("body-weight", new MeasuredValue.Quantity(70.0, "kg")),
                tuple("body-height", new MeasuredValue.Quantity(100.0, "cm")));
        assertThat(reading.notes()).contains("body fat 7 %", "impedance 800 Ohm");
    }

    @Test
    void bluetoothSigPython_bodyCompositionWithoutWeightOrHeight_isReadThenRefusedAsNoMeasurement() {
        DecodeError error = failure("2A9C", hex("0C00 7800 05 4006"));
        assertThat(error.code()).isEqualTo(ErrorCode.MISSING_VALUES);
    }

    // StanfordSpezi/SpeziBluetooth (MIT), Tests/SpeziBluetoothServicesTests/PLXTests.swift: the byte arrays its
    // PLX Continuous and Spot-check codings produce and parse, with the values that test states.

    @Test
    void spezi_plxContinuousSimple_100percent_90bpm() {
        GattReading reading = ok("2A5F", bytes(0, 232, 243, 132, 243));
        assertThat(reading.measurements()).extracting(Measurement::value).containsExactly(
                new MeasuredValue.Quantity(100, "%"), new MeasuredValue.Quantity(90, "/min"));
    }

    @Test
    void spezi_plxContinuous_statusOngoing_pulseAmplitude8_7() {
        GattReading reading = ok("2A5F", bytes(28, 95, 0, 90, 0, 32, 0, 0, 0, 0, 87, 240));
        assertThat(reading.measurements()).extracting(Measurement::value).containsExactly(
                new MeasuredValue.Quantity(95, "%"), new MeasuredValue.Quantity(90, "/min"));
        assertThat(reading.notes()).containsExactly("measurement ongoing", "pulse amplitude index 8.7 %");
    }

    @Test
    void spezi_plxContinuousFull_fastAndSlow_fullyQualified() {
        GattReading reading = ok("2A5F", bytes(31, 222, 243, 202, 243, 202, 243, 90, 245, 212, 243, 178, 242, 32, 1,
                0, 0, 0, 122, 227));
        assertThat(reading.measurements()).extracting(Measurement::value).containsExactly(
                new MeasuredValue.Quantity(99, "%"), new MeasuredValue.Quantity(97, "/min"));
        assertThat(reading.notes()).containsExactly("SpO2PR-Fast: SpO2 97 %, pulse rate 137 /min",
                "SpO2PR-Slow: SpO2 98 %, pulse rate 69 /min", "measurement ongoing", "fully qualified data",
                "pulse amplitude index 8.9 %");
    }

    @Test
    void spezi_plxSpotCheck_94percent_147bpm_2024_11_29_questionable_lowPerfusion() {
        GattReading reading = ok("2A5E", bytes(15, 172, 243, 190, 245, 232, 7, 11, 29, 23, 8, 57, 32, 64, 34, 0, 0,
                102, 227));
        assertThat(reading.measurements()).extracting(Measurement::value).containsExactly(
                new MeasuredValue.Quantity(94, "%"), new MeasuredValue.Quantity(147, "/min"));
        assertThat(reading.deviceTime()).isEqualTo(Instant.parse("2024-11-29T23:08:57Z"));
        assertThat(reading.notes()).containsExactly("measurement ongoing", "questionable measurement detected",
                "equipment malfunction detected", "low perfusion detected", "pulse amplitude index 8.7 %");
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    private GattReading ok(String uuid, byte[] value) {
        DecodeResult<GattReading> result = decoder.decode(uuid, value, RECEIVED);
        assertThat(result).isInstanceOf(DecodeResult.Ok.class);
        return ((DecodeResult.Ok<GattReading>) result).value();
    }

    private DecodeError failure(String uuid, byte[] value) {
        DecodeResult<GattReading> result = decoder.decode(uuid, value, RECEIVED);
        assertThat(result).isInstanceOf(DecodeResult.Failure.class);
        return ((DecodeResult.Failure<GattReading>) result).error();
    }
}
