package io.vigil.codec.ble;

import static io.vigil.codec.ble.GattDecoderTest.RECEIVED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vigil.codec.DecodeResult;
import io.vigil.model.MeasuredValue;
import io.vigil.model.Measurement;
import io.vigil.model.MeasurementRegistry;
import io.vigil.model.TimeSource;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every flag combination of every characteristic decodes to the fields its flags announce. */
class GattFlagCombinationsTest {
    private static final Instant DEVICE_TIME = Instant.parse("2026-11-25T10:00:00Z");
    private final GattDecoder decoder = new GattDecoder(MeasurementRegistry.standard());

    static List<GattSamples> samples() {
        return GattSamples.all();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void decode_everyFlagCombination(GattSamples sample) {
        DecodeResult<GattReading> result = decoder.decode(sample.uuid(), sample.value(), RECEIVED);
        assertThat(result).isInstanceOf(DecodeResult.Ok.class);
        GattReading reading = ((DecodeResult.Ok<GattReading>) result).value();
        assertThat(reading.measurements()).extracting(m -> m.type().alias()).containsExactlyElementsOf(sample.aliases());
        assertThat(reading.notes()).containsAll(sample.notes());
        assertThat(reading.notes()).noneMatch(n -> n.contains("trailing"));
        assertThat(reading.timeSource()).isEqualTo(sample.deviceTime() ? TimeSource.DEVICE : TimeSource.RECEIVED);
        for (Measurement m : reading.measurements()) {
            assertThat(m.timeSource()).isEqualTo(reading.timeSource());
            if (sample.deviceTime()) {
                assertThat(m.time()).isEqualTo(expectedDeviceTime(sample));
            }
            assertValue(m);
        }
    }

    private static Instant expectedDeviceTime(GattSamples sample) {
        boolean glucoseOffset = sample.uuid().equals("2A18") && (sample.flags() & 0x01) != 0;
        return glucoseOffset ? DEVICE_TIME.minusSeconds(30 * 60) : DEVICE_TIME;
    }

    /** The values the samples were built with, in canonical units. */
    private static void assertValue(Measurement m) {
        if (m.value() instanceof MeasuredValue.Panel panel) {
            double systolic = panel.component("systolic-bp").orElseThrow().quantity().value();
            assertThat(systolic).isIn(120.0, 16.0 * 1000 / 133.322387415);
            return;
        }
        double value = ((MeasuredValue.Quantity) m.value()).value();
        switch (m.type().alias()) {
            case "heart-rate" -> assertThat(value).isEqualTo(72);
            case "spo2" -> assertThat(value).isEqualTo(97);
            case "body-temperature" -> assertThat(value).isCloseTo(36.7, within(0.05));
            case "blood-glucose" -> assertThat(value).isIn(95.0, 5.3 * 18.0156);
            case "cgm-glucose" -> assertThat(value).isEqualTo(120);
            case "body-weight" -> assertThat(value).isIn(70.0, 154.32 * 0.45359237);
            case "bmi" -> assertThat(value).isEqualTo(22.9);
            case "body-height" -> assertThat(value).isIn(175.0, 68.9 * 2.54);
            default -> throw new AssertionError("unexpected " + m.type().alias());
        }
    }
}
