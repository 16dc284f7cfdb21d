package io.vigil.analytics.news2;

import io.vigil.model.MeasuredValue;
import io.vigil.model.Measurement;
import io.vigil.model.MeasurementRegistry;
import io.vigil.model.MeasurementType;
import io.vigil.model.TimeSource;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.vigil.analytics.news2.News2Parameter.AIR_OR_OXYGEN;
import static io.vigil.analytics.news2.News2Parameter.CONSCIOUSNESS;
import static io.vigil.analytics.news2.News2Parameter.OXYGEN_SATURATION;
import static io.vigil.analytics.news2.News2Parameter.PULSE;
import static io.vigil.analytics.news2.News2Parameter.RESPIRATION_RATE;
import static io.vigil.analytics.news2.News2Parameter.SYSTOLIC_BP;
import static io.vigil.analytics.news2.News2Parameter.TEMPERATURE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * Whole patients scored against totals worked out by hand from the Royal College of Physicians' NEWS2
 * Chart 1 (National Early Warning Score (NEWS) 2, RCP London 2017), plus missing and stale parameters.
 */
class News2CalculatorTest {

    private static final MeasurementRegistry REGISTRY = MeasurementRegistry.standard();
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final Instant FIVE_MINUTES_AGO = NOW.minus(Duration.ofMinutes(5));

    private final News2Calculator calculator =
            new News2Calculator(News2Freshness.standard(), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void score_wellPatient_zeroLowRoutine() {
        // RR 16 →0, SpO2 97 →0, air →0, SBP 125 →0, pulse 72 →0, A →0, 36.8 °C →0
        News2Score score = calculator.score(patient(16, 97, 0, 125, 72, "A", 36.8), SpO2Scale.SCALE_1);

        assertThat(score.complete()).isTrue();
        assertThat(score.total()).isZero();
        assertThat(score.band()).contains(News2Band.LOW);
        assertThat(score.response()).contains(News2Response.ROUTINE);
        assertThat(score.missing()).isEmpty();
    }

    @Test
    void score_septicPatient_eighteenHighEmergency() {
        // RR 26 →3, SpO2 91 →3, oxygen 2 L/min →2, SBP 88 →3, pulse 124 →2, V →3, 39.4 °C →2 = 18
        News2Score score = calculator.score(patient(26, 91, 2, 88, 124, "V", 39.4), SpO2Scale.SCALE_1);

        assertThat(score.total()).isEqualTo(18);
        assertThat(score.subscores()).containsExactly(entry(RESPIRATION_RATE, 3), entry(OXYGEN_SATURATION, 3),
                entry(AIR_OR_OXYGEN, 2), entry(SYSTOLIC_BP, 3), entry(PULSE, 2), entry(CONSCIOUSNESS, 3),
                entry(TEMPERATURE, 2));
        assertThat(score.band()).contains(News2Band.HIGH);
        assertThat(score.response()).contains(News2Response.EMERGENCY_RESPONSE);
        assertThat(score.advice()).contains("Emergency").endsWith("Not for clinical use.");
    }

    @Test
    void score_newConfusionOnly_threeLowMediumHourly() {
        // RR 16 →0, SpO2 97 →0, air →0, SBP 118 →0, pulse 85 →0, C (new confusion) →3, 37.0 °C →0 = 3
        News2Score score = calculator.score(patient(16, 97, 0, 118, 85, "C", 37.0), SpO2Scale.SCALE_1);

        assertThat(score.total()).isEqualTo(3);
        assertThat(score.singleParameterThree()).isTrue();
        assertThat(score.band()).contains(News2Band.LOW_MEDIUM);
        assertThat(score.response().orElseThrow().monitoring()).isEqualTo("hourly");
    }

    @Test
    void score_febrileTachypnoeicPatient_sixMedium() {
        // RR 22 →2, SpO2 95 →1, air →0, SBP 105 →1, pulse 95 →1, A →0, 38.3 °C →1 = 6
        News2Score score = calculator.score(patient(22, 95, 0, 105, 95, "A", 38.3), SpO2Scale.SCALE_1);

        assertThat(score.total()).isEqualTo(6);
        assertThat(score.singleParameterThree()).isFalse();
        assertThat(score.band()).contains(News2Band.MEDIUM);
        assertThat(score.response()).contains(News2Response.URGENT_RESPONSE);
    }

    @Test
    void score_hypercapnicPatientOnOxygen_scale2ScoresTargetSaturationAsZero() {
        // RR 22 →2, SpO2 89 on 2 L/min, SBP 130 →0, pulse 88 →0, A →0, 37.2 °C →0
        // scale 1: SpO2 89 →3, oxygen →2: total 7, high. Scale 2: 89 is in the 88–92 target →0: total 4, low.
        List<Measurement> readings = patient(22, 89, 2, 130, 88, "A", 37.2);

        News2Score scale1 = calculator.score(readings, SpO2Scale.SCALE_1);
        News2Score scale2 = calculator.score(readings, SpO2Scale.SCALE_2);

        assertThat(scale1.total()).isEqualTo(7);
        assertThat(scale1.band()).contains(News2Band.HIGH);
        assertThat(scale2.total()).isEqualTo(4);
        assertThat(scale2.subscores()).containsEntry(OXYGEN_SATURATION, 0);
        assertThat(scale2.band()).contains(News2Band.LOW);
        assertThat(scale2.response()).contains(News2Response.WARD_ASSESSMENT);
    }

    @Test
    void score_scale2OverOxygenated_scoresSaturationHigh() {
        // scale 2, SpO2 97 on oxygen →3 (over-oxygenation risk); on air →0
        assertThat(calculator.score(patient(16, 97, 2, 125, 72, "A", 36.8), SpO2Scale.SCALE_2).subscores())
                .containsEntry(OXYGEN_SATURATION, 3);
        assertThat(calculator.score(patient(16, 97, 0, 125, 72, "A", 36.8), SpO2Scale.SCALE_2).subscores())
                .containsEntry(OXYGEN_SATURATION, 0);
    }

    @Test
    void score_noReadings_allMissingNoBand() {
        News2Score score = calculator.score(List.of(), SpO2Scale.SCALE_1);

        assertThat(score.missing()).containsExactly(News2Parameter.values());
        assertThat(score.subscores()).isEmpty();
        assertThat(score.complete()).isFalse();
        assertThat(score.band()).isEmpty();
        assertThat(score.response()).isEmpty();
        assertThat(score.advice()).startsWith("Incomplete NEWS2: record respiratory-rate, spo2")
                .endsWith("Not for clinical use.");
    }

    @Test
    void score_staleTemperature_listedMissingNotScored() {
        List<Measurement> readings = new ArrayList<>(patient(26, 91, 2, 88, 124, "V", 36.8).subList(0, 6));
        readings.add(quantity("body-temperature", 39.4, NOW.minus(Duration.ofMinutes(61))));

        News2Score score = calculator.score(readings, SpO2Scale.SCALE_1);

        assertThat(score.missing()).containsExactly(TEMPERATURE);
        assertThat(score.subscores()).doesNotContainKey(TEMPERATURE);
        assertThat(score.total()).isEqualTo(16);
        assertThat(score.band()).isEmpty();
        assertThat(score.bandAtLeast()).isEqualTo(News2Band.HIGH);
    }

    @Test
    void score_readingExactlyAtWindowEdge_counts() {
        List<Measurement> readings = new ArrayList<>(patient(16, 97, 0, 125, 72, "A", 36.8).subList(0, 6));
        readings.add(quantity("body-temperature", 36.8, NOW.minus(Duration.ofHours(1))));

        assertThat(calculator.score(readings, SpO2Scale.SCALE_1).complete()).isTrue();
    }

    @Test
    void score_longerWindowForTemperature_countsOlderReading() {
        News2Calculator lenient = new News2Calculator(
                new News2Freshness(Duration.ofHours(1), Map.of(TEMPERATURE, Duration.ofHours(4))),
                Clock.fixed(NOW, ZoneOffset.UTC));
        List<Measurement> readings = new ArrayList<>(patient(16, 97, 0, 125, 72, "A", 36.8).subList(0, 6));
        readings.add(quantity("body-temperature", 38.5, NOW.minus(Duration.ofHours(3))));

        News2Score score = lenient.score(readings, SpO2Scale.SCALE_1);

        assertThat(score.subscores()).containsEntry(TEMPERATURE, 1);
        assertThat(score.complete()).isTrue();
    }

    @Test
    void score_newestReadingPerParameterCounts() {
        List<Measurement> readings = new ArrayList<>(patient(16, 97, 0, 125, 72, "A", 36.8));
        readings.add(quantity("heart-rate", 135, NOW.minus(Duration.ofMinutes(30))));
        readings.add(quantity("heart-rate", 95, NOW.minus(Duration.ofMinutes(1))));

        assertThat(calculator.score(readings, SpO2Scale.SCALE_1).subscores()).containsEntry(PULSE, 1);
    }

    @Test
    void score_noOxygenReading_airOrOxygenMissingNotAssumedAir() {
        List<Measurement> readings = patient(16, 97, 0, 125, 72, "A", 36.8).stream()
                .filter(m -> !m.type().alias().equals("supplemental-oxygen")).toList();

        News2Score scale1 = calculator.score(readings, SpO2Scale.SCALE_1);
        assertThat(scale1.missing()).containsExactly(AIR_OR_OXYGEN);
        assertThat(scale1.subscores()).containsEntry(OXYGEN_SATURATION, 0);

        // on scale 2, 97 % cannot be scored without knowing air or oxygen
        assertThat(calculator.score(readings, SpO2Scale.SCALE_2).missing()).containsExactly(OXYGEN_SATURATION, AIR_OR_OXYGEN);
    }

    @Test
    void score_scale2TargetSaturationWithoutOxygenReading_stillScored() {
        List<Measurement> readings = patient(16, 90, 0, 125, 72, "A", 36.8).stream()
                .filter(m -> !m.type().alias().equals("supplemental-oxygen")).toList();

        News2Score score = calculator.score(readings, SpO2Scale.SCALE_2);

        assertThat(score.subscores()).containsEntry(OXYGEN_SATURATION, 0);
        assertThat(score.missing()).containsExactly(AIR_OR_OXYGEN);
    }

    @Test
    void score_inspiredOxygen_above21PercentIsOxygen() {
        List<Measurement> readings = new ArrayList<>(patient(16, 97, 0, 125, 72, "A", 36.8));
        readings.add(quantity("inspired-oxygen", 28, NOW.minus(Duration.ofMinutes(1))));
        assertThat(calculator.score(readings, SpO2Scale.SCALE_1).subscores()).containsEntry(AIR_OR_OXYGEN, 2);

        readings.add(quantity("inspired-oxygen", 21, NOW));
        assertThat(calculator.score(readings, SpO2Scale.SCALE_1).subscores()).containsEntry(AIR_OR_OXYGEN, 0);
    }

    @Test
    void score_systolicFromBloodPressurePanel() {
        News2Score score = calculator.score(patient(16, 97, 0, 95, 72, "A", 36.8), SpO2Scale.SCALE_1);

        assertThat(score.subscores()).containsEntry(SYSTOLIC_BP, 2);
        assertThat(score.basis().get(SYSTOLIC_BP).time()).isEqualTo(FIVE_MINUTES_AGO);
    }

    /** One full set of observations taken five minutes ago; oxygen in L/min (0 = air). */
    private static List<Measurement> patient(double rr, double spo2, double oxygen, double sbp, double pulse,
                                             String acvpu, double celsius) {
        MeasurementType bp = REGISTRY.require("blood-pressure");
        MeasuredValue.Panel panel = new MeasuredValue.Panel(List.of(
                new MeasuredValue.Component(bp.component("systolic").orElseThrow(), new MeasuredValue.Quantity(sbp, "mm[Hg]")),
                new MeasuredValue.Component(bp.component("diastolic").orElseThrow(), new MeasuredValue.Quantity(70, "mm[Hg]"))));
        MeasurementType consciousness = REGISTRY.require("consciousness");
        return List.of(
                quantity("respiratory-rate", rr, FIVE_MINUTES_AGO),
                quantity("spo2", spo2, FIVE_MINUTES_AGO),
                quantity("supplemental-oxygen", oxygen, FIVE_MINUTES_AGO),
                new Measurement(bp, panel, FIVE_MINUTES_AGO, TimeSource.DEVICE),
                quantity("heart-rate", pulse, FIVE_MINUTES_AGO),
                new Measurement(consciousness, new MeasuredValue.Coded(consciousness.answer(acvpu).orElseThrow()),
                        FIVE_MINUTES_AGO, TimeSource.DEVICE),
                quantity("body-temperature", celsius, FIVE_MINUTES_AGO));
    }

    private static Measurement quantity(String alias, double value, Instant time) {
        MeasurementType type = REGISTRY.require(alias);
        return new Measurement(type, new MeasuredValue.Quantity(value, type.canonicalUnit()), time, TimeSource.DEVICE);
    }
}
