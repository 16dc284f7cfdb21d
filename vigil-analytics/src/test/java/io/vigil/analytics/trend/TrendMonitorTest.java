package io.vigil.analytics.trend;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.analytics.alert.ConditionEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Heart-failure weight gain and slopes over windows, including late readings. */
class TrendMonitorTest {
    private static final Instant DAY0 = Instant.parse("2026-11-20T07:30:00Z");
    private final TrendMonitor monitor = new TrendMonitor("p1", TrendRules.defaults());

    private List<String> weigh(double kg, Instant time) {
        return ids(monitor.accept("body-weight", kg, time));
    }

    private static List<String> ids(List<ConditionEvent> events) {
        return events.stream().map(e -> e.getClass().getSimpleName() + ":" + e.rule().id()).toList();
    }

    private static Instant day(int n, int minutesLate) {
        return DAY0.plus(Duration.ofDays(n)).plus(Duration.ofMinutes(minutesLate));
    }

    @Test
    void weightGain_moreThanOneKgInADay_evenWeighedLaterThanYesterday() {
        assertThat(weigh(80.0, day(0, 0))).isEmpty();
        assertThat(weigh(81.0, day(1, 45))).as("exactly 1 kg is not more than 1 kg").isEmpty();
        assertThat(weigh(81.1, day(1, 50))).containsExactly("Raised:weight-gain-1d");
    }

    @Test
    void weightGain_moreThanTwoKgInThreeDays_withoutADailyJump() {
        assertThat(weigh(80.0, day(0, 0))).isEmpty();
        assertThat(weigh(80.7, day(1, 0))).isEmpty();
        assertThat(weigh(81.4, day(2, 0))).isEmpty();
        assertThat(weigh(82.1, day(3, 0))).containsExactly("Raised:weight-gain-3d");
        assertThat(weigh(81.5, day(4, 0))).as("gain since day 1: 0.8 kg, cleared at ≤ 1.5").containsExactly("Cleared:weight-gain-3d");
    }

    @Test
    void weightGain_olderThanTheWindowDoesNotCount() {
        weigh(78.0, day(0, 0));
        assertThat(weigh(81.0, day(4, 0))).isEmpty();
    }

    @Test
    void weightGain_lateReadingCompletesTheComparison() {
        assertThat(weigh(82.1, day(3, 0))).isEmpty();
        assertThat(weigh(80.0, day(0, 30))).as("a late weight from three days earlier arrives")
                .containsExactly("Raised:weight-gain-3d");
        assertThat(monitor.accept("body-weight", 79.0, day(0, 30)).getFirst().time()).isEqualTo(day(3, 0));
    }

    @Test
    void respiratoryRateRising_slopePerHourOverTheWindow() {
        List<List<String>> events = new java.util.ArrayList<>();
        for (int i = 0; i <= 4; i++) {
            events.add(ids(monitor.accept("respiratory-rate", 16 + i * 0.8, DAY0.plus(Duration.ofMinutes(10L * i)))));
        }
        assertThat(events).as("0.8 /min per 10 min = 4.8 /min per hour, judged once 4 readings span 30 min")
                .containsExactly(List.of(), List.of(), List.of(), List.of("Raised:respiratory-rate-rising"),
                        List.of("Continuing:respiratory-rate-rising"));
    }

    @Test
    void respiratoryRateRising_needsReadingsSpanningHalfTheWindow() {
        for (int i = 0; i < 10; i++) {
            assertThat(monitor.accept("respiratory-rate", 16 + i, DAY0.plus(Duration.ofMinutes(2L * i)))).isEmpty();
        }
    }

    @Test
    void spo2Falling_raisesThenClearsWhenFlat() {
        List<String> events = List.of();
        for (int i = 0; i <= 6; i++) {
            events = ids(monitor.accept("spo2", 97 - i * 0.6, DAY0.plus(Duration.ofMinutes(10L * i))));
        }
        assertThat(events).containsExactly("Continuing:spo2-falling");
        for (int i = 7; i <= 13; i++) {
            events = ids(monitor.accept("spo2", 93.4, DAY0.plus(Duration.ofMinutes(10L * i))));
        }
        assertThat(events).isEmpty();
    }

    @Test
    void slope_steadyValuesRaiseNothing() {
        for (int i = 0; i < 30; i++) {
            assertThat(monitor.accept("spo2", 96 + (i % 2), DAY0.plus(Duration.ofMinutes(3L * i)))).isEmpty();
        }
    }
}
