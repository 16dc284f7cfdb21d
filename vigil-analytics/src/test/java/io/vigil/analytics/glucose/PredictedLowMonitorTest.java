package io.vigil.analytics.glucose;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.analytics.alert.AlertPriority;
import io.vigil.analytics.alert.ConditionEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Linear least-squares forecast 30 minutes ahead from the last 20 minutes of CGM readings. */
class PredictedLowMonitorTest {
    private static final Instant T0 = Instant.parse("2026-11-25T03:00:00Z");
    private static final PredictedLow ONCE = new PredictedLow(70, 5, Duration.ofMinutes(20), Duration.ofMinutes(30), 3,
            1, AlertPriority.MEDIUM);
    private PredictedLowMonitor monitor = new PredictedLowMonitor("p1", ONCE);

    private Optional<ConditionEvent> cgm(double mgdl, int minute) {
        return monitor.accept(mgdl, T0.plus(Duration.ofMinutes(minute)));
    }

    @Test
    void forecast_isTheFittedLineThirtyMinutesAhead() {
        monitor.forecastAfter(130, T0);
        monitor.forecastAfter(120, T0.plus(Duration.ofMinutes(5)));
        // falling 2 mg/dL per minute: 110 at minute 10, 50 thirty minutes later
        assertThat(monitor.forecastAfter(110, T0.plus(Duration.ofMinutes(10)))).hasValueSatisfying(
                f -> assertThat(f).isCloseTo(50.0, org.assertj.core.data.Offset.offset(1e-9)));
    }

    @Test
    void fallingTowardsLow_raisesBeforeTheLow_thenClearsOnRecovery() {
        assertThat(cgm(140, 0)).isEmpty();
        assertThat(cgm(134, 5)).isEmpty();
        assertThat(cgm(128, 10)).as("forecast 128 − 36 = 92").isEmpty();
        assertThat(cgm(110, 15)).as("steeper: forecast below 70").hasValueSatisfying(e -> {
            assertThat(e).isInstanceOf(ConditionEvent.Raised.class);
            assertThat(e.rule().id()).isEqualTo("glucose-predicted-low");
            assertThat(e.value()).isLessThan(70);
        });
        assertThat(cgm(104, 20)).containsInstanceOf(ConditionEvent.Continuing.class);
        cgm(104, 25);
        cgm(108, 30);
        assertThat(cgm(112, 35)).containsInstanceOf(ConditionEvent.Cleared.class);
    }

    @Test
    void defaults_needTwoLowForecastsInARow() {
        monitor = new PredictedLowMonitor("p1", PredictedLow.defaults());
        cgm(150, 0);
        cgm(144, 5);
        cgm(138, 10);
        assertThat(cgm(115, 15)).as("the first low forecast").isEmpty();
        assertThat(cgm(100, 20)).containsInstanceOf(ConditionEvent.Raised.class);
    }

    @Test
    void steadyLowNormal_doesNotRaise() {
        for (int i = 0; i < 12; i++) {
            assertThat(cgm(85 + (i % 2), 5 * i)).isEmpty();
        }
    }

    @Test
    void tooFewReadingsOrTooShortASpan_noForecast() {
        assertThat(monitor.forecastAfter(140, T0)).isEmpty();
        assertThat(monitor.forecastAfter(100, T0.plus(Duration.ofMinutes(1)))).isEmpty();
        assertThat(monitor.forecastAfter(60, T0.plus(Duration.ofMinutes(2)))).as("span 2 min < 10 min").isEmpty();
    }
}
