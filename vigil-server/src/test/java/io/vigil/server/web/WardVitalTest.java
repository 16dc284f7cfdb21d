package io.vigil.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.model.MeasuredValue;
import io.vigil.model.Measurement;
import io.vigil.model.MeasurementRegistry;
import io.vigil.model.MeasurementType;
import io.vigil.model.ObservationRecord;
import io.vigil.model.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WardVitalTest {
    private static final MeasurementRegistry REGISTRY = MeasurementRegistry.standard();
    private static final Instant TIME = Instant.parse("2026-11-25T10:15:30Z");
    private static final WardProperties SETTINGS = new WardProperties(Duration.ofMinutes(5), Duration.ofMinutes(15),
            Duration.ofHours(1), Duration.ofHours(25), Duration.ofSeconds(15), Duration.ofMinutes(10), 8, 1000, 20);

    @Test
    void bloodPressure_showsSystolicOverDiastolic_withMeanInBrackets() {
        MeasurementType bp = REGISTRY.require("blood-pressure");
        VitalReading reading = reading(bp, new MeasuredValue.Panel(List.of(
                component(bp, "systolic-bp", 120), component(bp, "diastolic-bp", 80), component(bp, "mean-bp", 93.3))));
        assertThat(reading.value()).isEqualTo("120/80 (93)");
        assertThat(reading.unit()).isEqualTo("mmHg");
    }

    @Test
    void bloodPressure_withoutMean_showsNoBrackets() {
        MeasurementType bp = REGISTRY.require("blood-pressure");
        VitalReading reading = reading(bp, new MeasuredValue.Panel(List.of(
                component(bp, "systolic-bp", 141), component(bp, "diastolic-bp", 92))));
        assertThat(reading.value()).isEqualTo("141/92");
    }

    @Test
    void temperature_inCelsiusToOneDecimal() {
        VitalReading reading = reading(REGISTRY.require("body-temperature"), new MeasuredValue.Quantity(37.25, "Cel"));
        assertThat(reading.value()).isEqualTo("37.3");
        assertThat(reading.unit()).isEqualTo("°C");
    }

    @Test
    void consciousness_showsTheAcvpuCode_andItsMeaning() {
        MeasurementType acvpu = REGISTRY.require("consciousness");
        VitalReading reading = reading(acvpu, new MeasuredValue.Coded(acvpu.answer("C").orElseThrow()));
        assertThat(reading.value()).isEqualTo("C");
        assertThat(reading.detail()).isEqualTo("New confusion");
        assertThat(reading.unit()).isEmpty();
    }

    @Test
    void oxygen_atZeroFlowOr21Percent_isAir() {
        assertThat(reading(REGISTRY.require("supplemental-oxygen"), new MeasuredValue.Quantity(0, "L/min")).value()).isEqualTo("Air");
        assertThat(reading(REGISTRY.require("inspired-oxygen"), new MeasuredValue.Quantity(21, "%")).value()).isEqualTo("Air");
        VitalReading onOxygen = reading(REGISTRY.require("supplemental-oxygen"), new MeasuredValue.Quantity(2, "L/min"));
        assertThat(onOxygen.value()).isEqualTo("2.0");
        assertThat(onOxygen.unit()).isEqualTo("L/min");
    }

    @Test
    void staleAfter_followsHowOftenTheValueIsMeasured() {
        assertThat(WardVital.HEART_RATE.staleAfter(SETTINGS)).isEqualTo(Duration.ofMinutes(5));
        assertThat(WardVital.CGM_GLUCOSE.staleAfter(SETTINGS)).isEqualTo(Duration.ofMinutes(15));
        assertThat(WardVital.BLOOD_PRESSURE.staleAfter(SETTINGS)).isEqualTo(Duration.ofHours(1));
        assertThat(WardVital.WEIGHT.staleAfter(SETTINGS)).isEqualTo(Duration.ofHours(25));
    }

    @Test
    void everyShownType_isInTheRegistry() {
        assertThat(WardVital.types()).allSatisfy(type -> assertThat(REGISTRY.find(type)).isPresent());
    }

    @Test
    void readingWithoutDeviceTime_isMarkedReceived() {
        MeasurementType hr = REGISTRY.require("heart-rate");
        ObservationRecord record = new ObservationRecord("1", "mon-1", "p-1",
                new Measurement(hr, new MeasuredValue.Quantity(72, "/min"), TIME, TimeSource.RECEIVED), TIME);
        VitalReading reading = WardVital.HEART_RATE.reading(record, SETTINGS);
        assertThat(reading.received()).isTrue();
        assertThat(reading.time()).isEqualTo("2026-11-25T10:15:30Z");
        assertThat(reading.staleAfter()).isEqualTo(300);
    }

    private static VitalReading reading(MeasurementType type, MeasuredValue value) {
        ObservationRecord record = new ObservationRecord("1", "mon-1", "p-1", new Measurement(type, value, TIME, TimeSource.DEVICE), TIME);
        return WardVital.of(type.alias()).orElseThrow().reading(record, SETTINGS);
    }

    private static MeasuredValue.Component component(MeasurementType panel, String alias, double value) {
        MeasurementType type = panel.components().stream().filter(c -> c.alias().equals(alias)).findFirst().orElseThrow();
        return new MeasuredValue.Component(type, new MeasuredValue.Quantity(value, type.canonicalUnit()));
    }
}
