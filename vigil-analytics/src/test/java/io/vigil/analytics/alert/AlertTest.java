package io.vigil.analytics.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.analytics.alert.AlertPolicy.AlertChange;
import io.vigil.analytics.alert.AlertTransition.Applied;
import io.vigil.analytics.alert.AlertTransition.Refusal;
import io.vigil.analytics.alert.AlertTransition.Refused;
import io.vigil.analytics.limit.LimitEvent;
import io.vigil.analytics.limit.LimitMonitor;
import io.vigil.analytics.limit.LimitRule;
import io.vigil.analytics.limit.LimitRules;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The alert state machine and deduplication, with a fixed clock. */
class AlertTest {
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(T0.plusSeconds(300), ZoneOffset.UTC);
    private static final LimitRule HR_HIGH = LimitRules.adultDefaults().rules().stream()
            .filter(r -> r.id().equals("heart-rate-high")).findFirst().orElseThrow();

    private final Alert active = Alert.raise("a1", new LimitEvent.Raised(HR_HIGH, "p1", 150, T0));

    @Test
    void raise_activeWithRulesPriorityAndFirstReading() {
        assertThat(active.state()).isEqualTo(AlertState.ACTIVE);
        assertThat(active.priority()).isEqualTo(AlertPriority.HIGH);
        assertThat(active.rule()).isEqualTo("heart-rate-high");
        assertThat(active.measurement()).isEqualTo("heart-rate");
        assertThat(active.count()).isEqualTo(1);
        assertThat(active.raisedAt()).isEqualTo(T0);
        assertThat(active.lastValue()).isEqualTo(150);
    }

    @Test
    void acknowledge_withUserAndReason_acknowledgedAtClockTime() {
        Alert acked = applied(active.acknowledge("clinician", "  patient anxious, reviewing ", CLOCK));

        assertThat(acked.state()).isEqualTo(AlertState.ACKNOWLEDGED);
        assertThat(acked.acknowledgedBy()).isEqualTo("clinician");
        assertThat(acked.acknowledgedAt()).isEqualTo(CLOCK.instant());
        assertThat(acked.reason()).isEqualTo("patient anxious, reviewing");
    }

    @Test
    void acknowledge_blankReason_refused() {
        assertThat(active.acknowledge("clinician", " ", CLOCK)).isEqualTo(
                new Refused(Refusal.REASON_REQUIRED, "An acknowledgement needs a reason"));
        assertThat(refusal(active.acknowledge("clinician", null, CLOCK))).isEqualTo(Refusal.REASON_REQUIRED);
        assertThat(refusal(active.acknowledge("", "reviewing", CLOCK))).isEqualTo(Refusal.USER_REQUIRED);
    }

    @Test
    void acknowledge_twice_illegal() {
        Alert acked = applied(active.acknowledge("clinician", "reviewing", CLOCK));

        assertThat(refusal(acked.acknowledge("other", "again", CLOCK))).isEqualTo(Refusal.ILLEGAL_TRANSITION);
    }

    @Test
    void resolve_fromActiveOrAcknowledged_byUser() {
        Alert fromActive = applied(active.resolve("clinician", CLOCK));
        Alert fromAcked = applied(applied(active.acknowledge("clinician", "reviewing", CLOCK)).resolve("clinician", CLOCK));

        assertThat(fromActive.state()).isEqualTo(AlertState.RESOLVED);
        assertThat(fromActive.resolvedBy()).isEqualTo("clinician");
        assertThat(fromActive.resolvedAt()).isEqualTo(CLOCK.instant());
        assertThat(fromActive.resolvedAutomatically()).isFalse();
        assertThat(fromAcked.state()).isEqualTo(AlertState.RESOLVED);
        assertThat(fromAcked.acknowledgedBy()).isEqualTo("clinician");
    }

    @Test
    void resolved_isFinal() {
        Alert resolved = applied(active.conditionCleared(T0.plusSeconds(60)));

        assertThat(resolved.resolvedAutomatically()).isTrue();
        assertThat(resolved.resolvedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(refusal(resolved.acknowledge("clinician", "late", CLOCK))).isEqualTo(Refusal.ILLEGAL_TRANSITION);
        assertThat(refusal(resolved.resolve("clinician", CLOCK))).isEqualTo(Refusal.ILLEGAL_TRANSITION);
        assertThat(refusal(resolved.conditionCleared(T0.plusSeconds(90)))).isEqualTo(Refusal.ILLEGAL_TRANSITION);
        assertThat(refusal(resolved.recur(160, T0.plusSeconds(90)))).isEqualTo(Refusal.ILLEGAL_TRANSITION);
    }

    @Test
    void policy_raisedWhileOpen_updatesInsteadOfOpening() {
        Alert acked = applied(active.acknowledge("clinician", "reviewing", CLOCK));

        AlertChange change = AlertPolicy.apply(new LimitEvent.Raised(HR_HIGH, "p1", 160, T0.plusSeconds(30)),
                Optional.of(acked), () -> "a2");

        assertThat(change).isInstanceOfSatisfying(AlertChange.Updated.class, u -> {
            assertThat(u.alert().id()).isEqualTo("a1");
            assertThat(u.alert().count()).isEqualTo(2);
            assertThat(u.alert().lastValue()).isEqualTo(160);
            assertThat(u.alert().lastTime()).isEqualTo(T0.plusSeconds(30));
            assertThat(u.alert().state()).isEqualTo(AlertState.ACKNOWLEDGED);
        });
    }

    @Test
    void policy_monitoredStream_oneAlertCountsBreachesResolvesOnClear() {
        LimitMonitor monitor = new LimitMonitor("p1", LimitRules.adultDefaults());
        Optional<Alert> open = Optional.empty();
        Alert last = null;
        double[] heartRates = {150, 152, 131, 129, 140, 80};
        int opened = 0;
        for (int i = 0; i < heartRates.length; i++) {
            for (LimitEvent event : monitor.accept("heart-rate", heartRates[i], T0.plusSeconds(i))) {
                AlertChange change = AlertPolicy.apply(event, open, () -> "a" + System.nanoTime());
                switch (change) {
                    case AlertChange.Opened o -> { last = o.alert(); opened++; }
                    case AlertChange.Updated u -> last = u.alert();
                    case AlertChange.Resolved r -> last = r.alert();
                    case AlertChange.Unchanged u -> { }
                }
                open = last.state().open() ? Optional.of(last) : Optional.empty();
            }
        }

        assertThat(opened).isEqualTo(1);
        assertThat(last.count()).isEqualTo(4);
        assertThat(last.lastValue()).isEqualTo(140);
        assertThat(last.state()).isEqualTo(AlertState.RESOLVED);
        assertThat(last.resolvedAutomatically()).isTrue();
        assertThat(last.resolvedAt()).isEqualTo(T0.plusSeconds(5));
    }

    @Test
    void policy_continuingAfterManualResolve_opensNothing() {
        AlertChange change = AlertPolicy.apply(new LimitEvent.Continuing(HR_HIGH, "p1", 150, T0.plusSeconds(5)),
                Optional.empty(), () -> "a2");

        assertThat(change).isInstanceOf(AlertChange.Unchanged.class);
    }

    @Test
    void raise_keepsTheRulesCategory() {
        assertThat(active.category()).isEqualTo(AlertCategory.PHYSIOLOGICAL);
        AlertRule sensorOff = new AlertRule("spo2-sensor-off", "spo2", AlertPriority.LOW, AlertCategory.TECHNICAL);
        assertThat(Alert.raise("t1", new ConditionEvent.Raised(sensorOff, "p1", 0, T0)).category())
                .isEqualTo(AlertCategory.TECHNICAL);
    }

    @Test
    void snooze_withinBound_silencesUntilItEnds() {
        Alert snoozed = applied(active.snooze("clinician", Duration.ofMinutes(10), Duration.ofMinutes(30), CLOCK));

        assertThat(snoozed.snoozedUntil()).isEqualTo(CLOCK.instant().plus(Duration.ofMinutes(10)));
        assertThat(snoozed.snoozedAt(CLOCK.instant().plus(Duration.ofMinutes(9)))).isTrue();
        assertThat(snoozed.snoozedAt(CLOCK.instant().plus(Duration.ofMinutes(10)))).isFalse();
        assertThat(refusal(snoozed.snoozeEnded(CLOCK.instant().plus(Duration.ofMinutes(9)))))
                .isEqualTo(Refusal.ILLEGAL_TRANSITION);
        Alert woken = applied(snoozed.snoozeEnded(CLOCK.instant().plus(Duration.ofMinutes(10))));
        assertThat(woken.snoozedUntil()).isNull();
        assertThat(woken.state()).isEqualTo(AlertState.ACTIVE);
    }

    @Test
    void snooze_outOfBoundsOrResolved_refused() {
        Duration longest = Duration.ofMinutes(30);
        assertThat(refusal(active.snooze("clinician", Duration.ofMinutes(31), longest, CLOCK)))
                .isEqualTo(Refusal.SNOOZE_OUT_OF_BOUNDS);
        assertThat(refusal(active.snooze("clinician", Duration.ZERO, longest, CLOCK)))
                .isEqualTo(Refusal.SNOOZE_OUT_OF_BOUNDS);
        assertThat(refusal(active.snooze("clinician", Duration.ofMinutes(-1), longest, CLOCK)))
                .isEqualTo(Refusal.SNOOZE_OUT_OF_BOUNDS);
        assertThat(refusal(active.snooze("", Duration.ofMinutes(5), longest, CLOCK))).isEqualTo(Refusal.USER_REQUIRED);
        Alert resolved = applied(active.conditionCleared(T0.plusSeconds(60)));
        assertThat(refusal(resolved.snooze("clinician", Duration.ofMinutes(5), longest, CLOCK)))
                .isEqualTo(Refusal.ILLEGAL_TRANSITION);
        assertThat(applied(active.snooze("clinician", longest, longest, CLOCK)).snoozedUntil())
                .isEqualTo(CLOCK.instant().plus(longest));
    }

    @Test
    void acknowledge_endsSnoozeAndResolveClearsIt() {
        Alert snoozed = applied(active.snooze("clinician", Duration.ofMinutes(10), Duration.ofMinutes(30), CLOCK));
        assertThat(applied(snoozed.acknowledge("clinician", "reviewing", CLOCK)).snoozedUntil()).isNull();
        assertThat(applied(snoozed.conditionCleared(T0.plusSeconds(60))).snoozedUntil()).isNull();
    }

    @Test
    void escalate_onlyActiveAndOnlyUpwards() {
        Alert tier1 = applied(active.escalate(1));
        assertThat(tier1.tier()).isEqualTo(1);
        assertThat(refusal(tier1.escalate(1))).isEqualTo(Refusal.ILLEGAL_TRANSITION);
        Alert acked = applied(tier1.acknowledge("clinician", "reviewing", CLOCK));
        assertThat(acked.tier()).isEqualTo(1);
        assertThat(refusal(acked.escalate(2))).isEqualTo(Refusal.ILLEGAL_TRANSITION);
    }

    private static Alert applied(AlertTransition transition) {
        assertThat(transition).isInstanceOf(Applied.class);
        return ((Applied) transition).alert();
    }

    private static Refusal refusal(AlertTransition transition) {
        assertThat(transition).isInstanceOf(Refused.class);
        return ((Refused) transition).refusal();
    }
}
