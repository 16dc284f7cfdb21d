package io.vigil.analytics.news2;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.analytics.alert.ConditionEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The NEWS2 alert condition: RCP trigger thresholds, one level at a time, hysteresis, incomplete scores never clear. */
class News2AlarmTest {
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private News2Alarm alarm = new News2Alarm("p1", Duration.ZERO);
    private int minute;

    @Test
    void belowThresholds_raiseNothing() {
        assertThat(accept(4, true, false)).isEmpty();
        assertThat(accept(0, true, false)).isEmpty();
    }

    @Test
    void total5_raisesMedium_total7_raisesHighAndClearsMedium() {
        assertThat(accept(5, true, false)).containsExactly("raised news2-medium");
        assertThat(accept(6, true, false)).containsExactly("continuing news2-medium");
        assertThat(accept(7, true, false)).containsExactly("cleared news2-medium", "raised news2-high");
        assertThat(accept(9, true, false)).containsExactly("continuing news2-high");
    }

    @Test
    void singleParameterThree_raisesMedium() {
        assertThat(accept(3, true, true)).containsExactly("raised news2-medium");
        assertThat(accept(3, true, false)).containsExactly("cleared news2-medium");
    }

    @Test
    void high_clearsOnlyAt5OrLess_thenMediumRaised() {
        accept(8, true, false);
        assertThat(accept(6, true, false)).as("6 is inside the hysteresis margin").containsExactly("continuing news2-high");
        assertThat(accept(5, true, false)).containsExactly("cleared news2-high", "raised news2-medium");
        assertThat(accept(4, true, false)).as("4 is inside the margin").containsExactly("continuing news2-medium");
        assertThat(accept(3, true, false)).containsExactly("cleared news2-medium");
        assertThat(accept(4, true, false)).isEmpty();
    }

    @Test
    void high_fallingStraightTo2_clearsWithoutMedium() {
        accept(7, true, false);
        assertThat(accept(2, true, false)).containsExactly("cleared news2-high");
    }

    @Test
    void incompleteScore_raisesOnItsLowerBoundButNeverClears() {
        assertThat(accept(7, false, false)).containsExactly("raised news2-high");
        assertThat(accept(0, false, false)).containsExactly("continuing news2-high");
        assertThat(accept(0, true, false)).containsExactly("cleared news2-high");
    }

    @Test
    void holdToClear_clearsOnlyAfterClearingScoresHeldThatLong_aFlickerRestartsIt() {
        alarm = new News2Alarm("p1", Duration.ofMinutes(5));
        assertThat(accept(3, true, true)).containsExactly("raised news2-medium");      // minute 0
        assertThat(accept(2, true, false)).containsExactly("continuing news2-medium"); // 1: clearing since 1
        assertThat(accept(3, true, true)).containsExactly("continuing news2-medium");  // 2: a 3 again: restarts
        for (int m = 3; m < 8; m++) {
            assertThat(accept(2, true, false)).as("minute " + m).containsExactly("continuing news2-medium");
        }
        assertThat(accept(2, true, false)).as("minute 8: clearing since 3, held 5 min")
                .containsExactly("cleared news2-medium");
    }

    @Test
    void holdToClear_doesNotDelayRaisingHigher() {
        alarm = new News2Alarm("p1", Duration.ofMinutes(5));
        accept(5, true, false);
        assertThat(accept(7, true, false)).containsExactly("cleared news2-medium", "raised news2-high");
    }

    private List<String> accept(int total, boolean complete, boolean singleThree) {
        News2Score score = new News2Score(T0.plusSeconds(60L * minute++), SpO2Scale.SCALE_1, total, complete, Map.of(),
                complete ? List.of() : List.of(News2Parameter.TEMPERATURE), singleThree,
                News2Band.of(total, singleThree), Map.of());
        return alarm.accept(score).stream().map(e -> kind(e) + " " + e.rule().id()).toList();
    }

    private static String kind(ConditionEvent e) {
        return switch (e) {
            case ConditionEvent.Raised r -> "raised";
            case ConditionEvent.Continuing c -> "continuing";
            case ConditionEvent.Cleared c -> "cleared";
        };
    }
}
