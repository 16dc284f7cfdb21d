package io.vigil.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PatientPhysiologyTest {

    private static final Instant START = Instant.parse("2026-03-02T08:00:00Z");
    private static final Clock CLOCK = Clock.fixed(START, ZoneOffset.UTC);

    @Test
    void random_sameSeed_givesSameVitalsAtSameInstant() {
        Instant later = START.plus(Duration.ofHours(5));

        Vitals first = PatientPhysiology.random(7, Scenario.SEPSIS, CLOCK).at(later);
        Vitals second = PatientPhysiology.random(7, Scenario.SEPSIS, CLOCK).at(later);

        assertThat(second).isEqualTo(first);
    }

    @Test
    void random_differentSeeds_giveDifferentPatients() {
        PatientBaseline a = PatientPhysiology.random(1, Scenario.STABLE, CLOCK).baseline();
        PatientBaseline b = PatientPhysiology.random(2, Scenario.STABLE, CLOCK).baseline();

        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void baselines_manySeeds_lieInAdultNormalRanges() {
        LongStream.range(0, 500).mapToObj(seed -> PatientBaseline.random(seed, Scenario.STABLE)).forEach(b -> {
            assertThat(b.heartRate()).isBetween(60.0, 100.0);
            assertThat(b.respiratoryRate()).isBetween(12.0, 20.0);
            assertThat(b.spo2()).isBetween(95.0, 99.0);
            assertThat(b.temperature()).isBetween(36.3, 37.5);
            assertThat(b.systolic()).isBetween(105.0, 140.0);
            assertThat(b.diastolic()).isBetween(60.0, 90.0);
            assertThat(b.age()).isBetween(18, 100);
            assertThat(b.news2Scale()).isEqualTo(1);
        });
    }

    @Test
    void stable_overAWeek_averagesStayInAdultNormalRanges() {
        PatientPhysiology patient = PatientPhysiology.random(11, Scenario.STABLE, CLOCK);
        Vitals[] week = IntStream.range(0, 7 * 24 * 6)
                .mapToObj(i -> patient.at(START.plus(Duration.ofMinutes(10L * i)))).toArray(Vitals[]::new);

        assertThat(mean(week, Vitals::heartRate)).isBetween(60.0, 100.0);
        assertThat(mean(week, Vitals::respiratoryRate)).isBetween(12.0, 20.0);
        assertThat(mean(week, Vitals::spo2)).isBetween(95.0, 99.0);
        assertThat(mean(week, Vitals::temperature)).isBetween(36.3, 37.5);
        assertThat(mean(week, Vitals::systolic)).isBetween(105.0, 140.0);
        assertThat(mean(week, Vitals::diastolic)).isBetween(60.0, 90.0);
        assertThat(week).allSatisfy(v -> assertThat(v.consciousness()).isEqualTo("A"));
    }

    @Test
    void circadian_earlyMorningHeartRateAndTemperature_belowLateAfternoon() {
        PatientPhysiology patient = PatientPhysiology.random(5, Scenario.STABLE, CLOCK);
        Instant midnight = Instant.parse("2026-03-03T00:00:00Z");
        Vitals[] at4 = new Vitals[14];
        Vitals[] at16 = new Vitals[14];
        for (int day = 0; day < 14; day++) {
            at4[day] = patient.at(midnight.plus(Duration.ofDays(day)).plus(Duration.ofHours(4)));
            at16[day] = patient.at(midnight.plus(Duration.ofDays(day)).plus(Duration.ofHours(16)));
        }

        assertThat(mean(at4, Vitals::heartRate)).isLessThan(mean(at16, Vitals::heartRate));
        assertThat(mean(at4, Vitals::temperature)).isLessThan(mean(at16, Vitals::temperature));
        assertThat(mean(at4, Vitals::systolic)).isLessThan(mean(at16, Vitals::systolic));
    }

    @Test
    void sepsis_after30Minutes_heartAndRespiratoryRateUp_bloodPressureAndSpo2Down_confused() {
        PatientPhysiology patient = PatientPhysiology.random(3, Scenario.SEPSIS, CLOCK);

        Vitals onset = patient.at(START);
        Vitals after = patient.at(START.plus(Duration.ofMinutes(30)));

        assertThat(after.heartRate() - onset.heartRate()).isGreaterThan(20);
        assertThat(after.respiratoryRate() - onset.respiratoryRate()).isGreaterThan(6);
        assertThat(after.temperature() - onset.temperature()).isGreaterThan(1.0);
        assertThat(onset.systolic() - after.systolic()).isGreaterThan(20);
        assertThat(after.spo2()).isLessThan(onset.spo2());
        assertThat(onset.consciousness()).isEqualTo("A");
        assertThat(after.consciousness()).isEqualTo("C");
    }

    @Test
    void sepsis_beforeScenarioStart_isBaseline() {
        PatientPhysiology patient = PatientPhysiology.random(3, Scenario.SEPSIS, CLOCK)
                .withScenarioStart(START.plus(Duration.ofHours(2)));
        PatientPhysiology stable = PatientPhysiology.random(3, Scenario.STABLE, CLOCK);

        assertThat(patient.at(START.plus(Duration.ofHours(1)))).isEqualTo(stable.at(START.plus(Duration.ofHours(1))));
    }

    @Test
    void hypoglycaemia_withinTwoHours_glucoseFallsBelow70_thenRecovers() {
        PatientPhysiology patient = PatientPhysiology.random(9, Scenario.HYPOGLYCAEMIA, CLOCK);

        double lowest = IntStream.range(0, 120)
                .mapToDouble(minute -> patient.at(START.plus(Duration.ofMinutes(minute))).glucose()).min().orElseThrow();
        Vitals recovered = patient.at(START.plus(Duration.ofHours(4)));

        assertThat(patient.baseline().diabetic()).isTrue();
        assertThat(lowest).isLessThan(70).isLessThan(54);
        assertThat(recovered.glucose()).isGreaterThan(70);
    }

    @Test
    void hypoglycaemia_belowLevel2_causesNewConfusion() {
        PatientPhysiology patient = PatientPhysiology.random(9, Scenario.HYPOGLYCAEMIA, CLOCK);

        Vitals nadir = patient.at(START.plus(Duration.ofMinutes(100)));

        assertThat(nadir.glucose()).isLessThan(54);
        assertThat(nadir.consciousness()).isEqualTo("C");
    }

    @Test
    void heartFailure_overThreeDays_gainsAtLeastTwoKilograms_andBreathesFaster() {
        PatientPhysiology patient = PatientPhysiology.random(13, Scenario.HEART_FAILURE, CLOCK);

        Vitals first = patient.at(START);
        Vitals third = patient.at(START.plus(Duration.ofDays(3)));

        assertThat(third.weight() - first.weight()).isGreaterThanOrEqualTo(2.0);
        assertThat(third.respiratoryRate()).isGreaterThan(first.respiratoryRate());
        assertThat(third.spo2()).isLessThan(first.spo2());
    }

    @Test
    void copd_spo2_chronicallyInScale2TargetRange() {
        PatientPhysiology patient = PatientPhysiology.random(21, Scenario.COPD, CLOCK);
        Vitals[] day = IntStream.range(0, 24 * 12)
                .mapToObj(i -> patient.at(START.plus(Duration.ofMinutes(5L * i)))).toArray(Vitals[]::new);

        assertThat(patient.baseline().news2Scale()).isEqualTo(2);
        assertThat(mean(day, Vitals::spo2)).isBetween(88.0, 92.0);
    }

    @Test
    void now_followsTheClock() {
        PatientPhysiology patient = PatientPhysiology.random(4, Scenario.STABLE, CLOCK);

        assertThat(patient.now()).isEqualTo(patient.at(START));
    }

    private static double mean(Vitals[] vitals, java.util.function.ToDoubleFunction<Vitals> value) {
        return java.util.Arrays.stream(vitals).mapToDouble(value).average().orElseThrow();
    }
}
