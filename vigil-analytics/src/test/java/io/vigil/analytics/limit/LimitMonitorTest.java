package io.vigil.analytics.limit;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.analytics.alert.AlertPriority;
import io.vigil.analytics.limit.LimitEvent.Cleared;
import io.vigil.analytics.limit.LimitEvent.Continuing;
import io.vigil.analytics.limit.LimitEvent.Raised;
import io.vigil.analytics.limit.LimitRule.Direction;
import io.vigil.model.MeasuredValue;
import io.vigil.model.Measurement;
import io.vigil.model.MeasurementRegistry;
import io.vigil.model.MeasurementType;
import io.vigil.model.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Default adult limits at NEWS2 Chart 1's extreme bands (RCP 2017), duration, hysteresis and ordering. */
class LimitMonitorTest {
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private static final MeasurementRegistry REGISTRY = MeasurementRegistry.standard();

    private final LimitMonitor monitor = new LimitMonitor("p1", LimitRules.adultDefaults());

    @ParameterizedTest(name = "{0} {1} raises {2}")
    @CsvSource({
            "heart-rate,40,heart-rate-low", "heart-rate,41,", "heart-rate,130,", "heart-rate,131,heart-rate-high",
            "respiratory-rate,8,respiratory-rate-low", "respiratory-rate,9,", "respiratory-rate,24,",
            "respiratory-rate,25,respiratory-rate-high",
            "spo2,91,spo2-low", "spo2,92,",
            "systolic-bp,90,systolic-bp-low", "systolic-bp,91,", "systolic-bp,219,", "systolic-bp,220,systolic-bp-high",
            "body-temperature,35.0,body-temperature-low", "body-temperature,35.1,", "body-temperature,39.0,",
            "body-temperature,39.1,body-temperature-high"})
    void adultDefaults_chartBandEdges(String measurement, double value, String raisedRule) {
        List<LimitEvent> events = monitor.accept(measurement, value, T0);

        if (raisedRule == null) {
            assertThat(events).isEmpty();
        } else {
            assertThat(events).singleElement().isInstanceOfSatisfying(Raised.class, r -> {
                assertThat(r.rule().id()).isEqualTo(raisedRule);
                assertThat(r.patient()).isEqualTo("p1");
                assertThat(r.value()).isEqualTo(value);
                assertThat(r.time()).isEqualTo(T0);
            });
        }
    }

    @Test
    void adultDefaults_priorities_highForScoreThreeBandsMediumForFever() {
        assertThat(monitor.accept("heart-rate", 150, T0)).singleElement()
                .isInstanceOfSatisfying(Raised.class, r -> assertThat(r.priority()).isEqualTo(AlertPriority.HIGH));
        assertThat(monitor.accept("body-temperature", 39.5, T0)).singleElement()
                .isInstanceOfSatisfying(Raised.class, r -> assertThat(r.priority()).isEqualTo(AlertPriority.MEDIUM));
    }

    @Test
    void bloodPressurePanel_systolicComponentChecked() {
        MeasurementType bp = REGISTRY.require("blood-pressure");
        MeasuredValue.Panel panel = new MeasuredValue.Panel(List.of(
                new MeasuredValue.Component(bp.component("systolic").orElseThrow(), new MeasuredValue.Quantity(85, "mm[Hg]")),
                new MeasuredValue.Component(bp.component("diastolic").orElseThrow(), new MeasuredValue.Quantity(50, "mm[Hg]"))));

        List<LimitEvent> events = monitor.accept(new Measurement(bp, panel, T0, TimeSource.DEVICE));

        assertThat(events).singleElement().extracting(e -> e.rule().id()).isEqualTo("systolic-bp-low");
    }

    @Test
    void codedMeasurement_noLimits() {
        MeasurementType acvpu = REGISTRY.require("consciousness");
        Measurement v = new Measurement(acvpu, new MeasuredValue.Coded(acvpu.answer("V").orElseThrow()), T0, TimeSource.DEVICE);

        assertThat(monitor.accept(v)).isEmpty();
    }

    @Test
    void continuingBreach_onlyFirstReadingRaises() {
        assertThat(monitor.accept("heart-rate", 150, T0)).singleElement().isInstanceOf(Raised.class);
        assertThat(monitor.accept("heart-rate", 155, T0.plusSeconds(5))).singleElement().isInstanceOf(Continuing.class);
        assertThat(monitor.accept("heart-rate", 140, T0.plusSeconds(10))).singleElement().isInstanceOf(Continuing.class);
    }

    @Test
    void hysteresis_oscillationAroundLimit_raisesOnceClearsAtMargin() {
        List<LimitEvent> events = new ArrayList<>();
        double[] readings = {131, 130, 132, 127, 131, 129, 126};   // margin 5: clears at ≤ 126
        for (int i = 0; i < readings.length; i++) {
            events.addAll(monitor.accept("heart-rate", readings[i], T0.plusSeconds(i)));
        }

        assertThat(events).filteredOn(Raised.class::isInstance).hasSize(1);
        assertThat(events).filteredOn(Cleared.class::isInstance).singleElement()
                .satisfies(c -> assertThat(c.value()).isEqualTo(126));
        assertThat(events.getLast()).isInstanceOf(Cleared.class);
    }

    @Test
    void hysteresis_lowLimit_clearsAtMarginAbove() {
        monitor.accept("spo2", 90, T0);
        assertThat(monitor.accept("spo2", 92, T0.plusSeconds(1))).isEmpty();
        assertThat(monitor.accept("spo2", 93, T0.plusSeconds(2))).singleElement().isInstanceOf(Cleared.class);
        assertThat(monitor.accept("spo2", 91, T0.plusSeconds(3))).singleElement().isInstanceOf(Raised.class);
    }

    @Test
    void duration_breachMustHoldBeforeRaising() {
        LimitRule sustained = new LimitRule("heart-rate-high", "heart-rate", Direction.HIGH, 131, 5,
                Duration.ofSeconds(30), AlertPriority.HIGH);
        LimitMonitor patient = new LimitMonitor("p1", LimitRules.adultDefaults().overriddenBy(List.of(sustained)));

        assertThat(patient.accept("heart-rate", 140, T0)).isEmpty();
        assertThat(patient.accept("heart-rate", 140, T0.plusSeconds(29))).isEmpty();
        assertThat(patient.accept("heart-rate", 140, T0.plusSeconds(30))).singleElement().isInstanceOf(Raised.class);
    }

    @Test
    void duration_interruptedBreach_restartsTheClock() {
        LimitRule sustained = new LimitRule("heart-rate-high", "heart-rate", Direction.HIGH, 131, 5,
                Duration.ofSeconds(30), AlertPriority.HIGH);
        LimitMonitor patient = new LimitMonitor("p1", LimitRules.adultDefaults().overriddenBy(List.of(sustained)));

        patient.accept("heart-rate", 140, T0);
        patient.accept("heart-rate", 100, T0.plusSeconds(20));
        assertThat(patient.accept("heart-rate", 140, T0.plusSeconds(35))).isEmpty();
        assertThat(patient.accept("heart-rate", 140, T0.plusSeconds(65))).singleElement().isInstanceOf(Raised.class);
    }

    @Test
    void override_replacesDefaultOfSameId() {
        LimitRule lower = new LimitRule("heart-rate-high", "heart-rate", Direction.HIGH, 120, 5, Duration.ZERO,
                AlertPriority.MEDIUM);
        LimitRules rules = LimitRules.adultDefaults().overriddenBy(List.of(lower));
        LimitMonitor patient = new LimitMonitor("p1", rules);

        assertThat(rules.rules()).hasSameSizeAs(LimitRules.adultDefaults().rules());
        assertThat(patient.accept("heart-rate", 125, T0)).singleElement()
                .isInstanceOfSatisfying(Raised.class, r -> assertThat(r.priority()).isEqualTo(AlertPriority.MEDIUM));
        assertThat(monitor.accept("heart-rate", 125, T0)).isEmpty();
    }

    @Test
    void lateReading_ignored() {
        monitor.accept("heart-rate", 80, T0);

        assertThat(monitor.accept("heart-rate", 150, T0.minusSeconds(60))).isEmpty();
        assertThat(monitor.accept("heart-rate", 150, T0.plusSeconds(1))).singleElement().isInstanceOf(Raised.class);
    }
}
