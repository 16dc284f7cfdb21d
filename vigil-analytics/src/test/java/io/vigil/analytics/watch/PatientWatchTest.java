package io.vigil.analytics.watch;

import static io.vigil.analytics.watch.Readings.reading;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.analytics.alert.AlertPriority;
import io.vigil.analytics.alert.ConditionEvent;
import io.vigil.analytics.limit.LimitRule;
import io.vigil.analytics.limit.LimitRule.Direction;
import io.vigil.analytics.news2.SpO2Scale;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** All of a patient's per-reading rules together: scale 2 SpO2 (RCP 2017 Chart 1), overrides taking effect. */
class PatientWatchTest {
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    private static List<String> ids(List<ConditionEvent> events) {
        return events.stream().map(e -> e.getClass().getSimpleName() + ":" + e.rule().id()).toList();
    }

    @ParameterizedTest(name = "scale {0}: SpO2 {1} raises {2}")
    @CsvSource({"1,91,spo2-low", "1,92,", "2,91,", "2,84,", "2,83,spo2-low", "2,88,"})
    void spo2Low_followsTheScale(int scale, double spo2, String raised) {
        PatientWatch watch = new PatientWatch("p1", WatchRules.defaults(), SpO2Scale.of(scale), List.of());

        List<String> events = ids(watch.accept(reading("spo2", spo2, T0)));

        assertThat(events).isEqualTo(raised == null ? List.of() : List.of("Raised:" + raised));
    }

    @ParameterizedTest(name = "scale {0}, oxygen {1}: SpO2 97 raises high-on-oxygen: {2}")
    @CsvSource({"2,2.0,true", "2,0,false", "1,2.0,false"})
    void highSaturationOnOxygen_onlyOnScaleTwoAndOxygen(int scale, double oxygenLitres, boolean raises) {
        PatientWatch watch = new PatientWatch("p1", WatchRules.defaults(), SpO2Scale.of(scale), List.of());
        watch.accept(reading("supplemental-oxygen", oxygenLitres, T0));

        List<String> events = ids(watch.accept(reading("spo2", 97, T0.plusSeconds(60))));

        assertThat(events).isEqualTo(raises ? List.of("Raised:spo2-high-on-oxygen") : List.of());
    }

    @Test
    void highSaturationOnOxygen_96DoesNotRaise_clearsAt95_orOnAir() {
        PatientWatch watch = new PatientWatch("p1", WatchRules.defaults(), SpO2Scale.SCALE_2, List.of());
        watch.accept(reading("inspired-oxygen", 28, T0));

        assertThat(ids(watch.accept(reading("spo2", 96, T0.plusSeconds(10))))).isEmpty();
        assertThat(ids(watch.accept(reading("spo2", 98, T0.plusSeconds(20))))).containsExactly("Raised:spo2-high-on-oxygen");
        assertThat(ids(watch.accept(reading("spo2", 96, T0.plusSeconds(30))))).isEmpty();
        assertThat(ids(watch.accept(reading("spo2", 95, T0.plusSeconds(40))))).containsExactly("Cleared:spo2-high-on-oxygen");
        assertThat(ids(watch.accept(reading("spo2", 99, T0.plusSeconds(50))))).containsExactly("Raised:spo2-high-on-oxygen");
        watch.accept(reading("inspired-oxygen", 21, T0.plusSeconds(55)));
        assertThat(ids(watch.accept(reading("spo2", 99, T0.plusSeconds(60))))).containsExactly("Cleared:spo2-high-on-oxygen");
    }

    @Test
    void highSaturationOnOxygen_staleOxygenReadingDoesNotCount() {
        PatientWatch watch = new PatientWatch("p1", WatchRules.defaults(), SpO2Scale.SCALE_2, List.of());
        watch.accept(reading("supplemental-oxygen", 2, T0));

        assertThat(ids(watch.accept(reading("spo2", 98, T0.plus(Duration.ofHours(5)))))).isEmpty();
    }

    @Test
    void override_takesEffectFromTheNextReading_andARaisedConditionClearsInsideTheNewLimit() {
        PatientWatch watch = new PatientWatch("p1", WatchRules.defaults(), SpO2Scale.SCALE_1, List.of());
        assertThat(ids(watch.accept(reading("heart-rate", 135, T0)))).containsExactly("Raised:heart-rate-high");

        LimitRule athlete = new LimitRule("heart-rate-high", "heart-rate", Direction.HIGH, 150, 5, Duration.ZERO,
                AlertPriority.MEDIUM);
        watch.reconfigure(SpO2Scale.SCALE_1, List.of(athlete));

        assertThat(watch.limits().rule("heart-rate-high")).contains(athlete);
        assertThat(ids(watch.accept(reading("heart-rate", 140, T0.plusSeconds(5))))).containsExactly("Cleared:heart-rate-high");
        assertThat(ids(watch.accept(reading("heart-rate", 149, T0.plusSeconds(10))))).isEmpty();
        assertThat(watch.accept(reading("heart-rate", 150, T0.plusSeconds(15)))).singleElement()
                .satisfies(e -> assertThat(e.rule().priority()).isEqualTo(AlertPriority.MEDIUM));
    }

    @Test
    void scaleChange_movesSpo2Low() {
        PatientWatch watch = new PatientWatch("p1", WatchRules.defaults(), SpO2Scale.SCALE_1, List.of());
        assertThat(ids(watch.accept(reading("spo2", 89, T0)))).containsExactly("Raised:spo2-low");

        watch.reconfigure(SpO2Scale.SCALE_2, List.of());

        assertThat(ids(watch.accept(reading("spo2", 89, T0.plusSeconds(5))))).containsExactly("Cleared:spo2-low");
        assertThat(ids(watch.accept(reading("spo2", 83, T0.plusSeconds(10))))).containsExactly("Raised:spo2-low");
    }
}
