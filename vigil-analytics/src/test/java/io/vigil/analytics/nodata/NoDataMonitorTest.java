package io.vigil.analytics.nodata;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.analytics.alert.AlertCategory;
import io.vigil.analytics.alert.ConditionEvent;
import io.vigil.analytics.nodata.NoDataMonitor.Assigned;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Expected readings per device type, checked at clock times. */
class NoDataMonitorTest {
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private final NoDataMonitor monitor = new NoDataMonitor(ExpectedReadings.defaults());
    private final List<Assigned> ward = List.of(new Assigned("mon-1", "vital-signs-monitor", "p1", T0.minusSeconds(3600)),
            new Assigned("cgm-1", "continuous-glucose-monitor", "p1", T0.minusSeconds(3600)),
            new Assigned("cuff-1", "blood-pressure-monitor", "p1", T0.minusSeconds(3600)));

    private List<String> check(Duration after) {
        return ids(monitor.check(T0.plus(after), ward));
    }

    private static List<String> ids(List<ConditionEvent> events) {
        events.forEach(e -> assertThat(e.rule().category()).isEqualTo(AlertCategory.TECHNICAL));
        return events.stream().map(e -> e.getClass().getSimpleName() + ":" + e.rule().id()).toList();
    }

    @Test
    void silenceLongerThanTheTypeInterval_raisesOnce_fromWhenWatchingBegan() {
        assertThat(check(Duration.ZERO)).as("just started watching: no alarm for an old assignment").isEmpty();
        assertThat(check(Duration.ofMinutes(5))).isEmpty();
        assertThat(check(Duration.ofMinutes(5).plusSeconds(30))).containsExactly("Raised:no-data-mon-1");
        assertThat(check(Duration.ofMinutes(10))).as("raised once per silence").isEmpty();
        assertThat(check(Duration.ofMinutes(15).plusSeconds(1))).containsExactly("Raised:no-data-cgm-1");
        assertThat(check(Duration.ofHours(12))).as("spot-check devices are not watched by default").isEmpty();
    }

    @Test
    void readingsKeepItQuiet_andAResumedReadingClears() {
        check(Duration.ZERO);
        monitor.seen("mon-1", T0.plus(Duration.ofMinutes(4)));
        assertThat(check(Duration.ofMinutes(8))).isEmpty();
        assertThat(check(Duration.ofMinutes(9).plusSeconds(1))).containsExactly("Raised:no-data-mon-1");

        assertThat(ids(monitor.seen("mon-1", T0.plus(Duration.ofMinutes(11))))).containsExactly("Cleared:no-data-mon-1");
        assertThat(check(Duration.ofMinutes(12))).isEmpty();
    }

    @Test
    void assignmentEnded_clears() {
        check(Duration.ZERO);
        assertThat(check(Duration.ofMinutes(6))).containsExactly("Raised:no-data-mon-1");

        assertThat(ids(monitor.check(T0.plus(Duration.ofMinutes(7)), List.of()))).containsExactly("Cleared:no-data-mon-1");
    }

    @Test
    void minutesWithoutData_isTheValue() {
        check(Duration.ZERO);
        assertThat(monitor.check(T0.plus(Duration.ofMinutes(6)), ward)).singleElement()
                .satisfies(e -> assertThat(e.value()).isEqualTo(6.0));
    }
}
