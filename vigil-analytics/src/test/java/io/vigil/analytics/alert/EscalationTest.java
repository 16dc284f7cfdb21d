package io.vigil.analytics.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Escalation timing on a fixed clock: tiers by elapsed time, nothing for acknowledged, resolved or snoozed alerts. */
class EscalationTest {
    private static final Instant OPENED = Instant.parse("2026-11-25T10:00:00Z");
    private static final AlertRule RULE = new AlertRule("news2-high", "news2", AlertPriority.HIGH,
            AlertCategory.PHYSIOLOGICAL);
    private static final Escalation LADDER = new Escalation(List.of(
            new Escalation.Tier("bedside-nurse", Duration.ZERO),
            new Escalation.Tier("charge-nurse", Duration.ofMinutes(5)),
            new Escalation.Tier("rapid-response", Duration.ofMinutes(10))));

    private final Alert raised = Alert.raise("a1", new ConditionEvent.Raised(RULE, "p1", 8, OPENED));

    @Test
    void due_atEachTiersEdge() {
        assertThat(LADDER.due(raised, OPENED, OPENED)).isEmpty();
        assertThat(LADDER.due(raised, OPENED, OPENED.plus(Duration.ofMinutes(5)).minusMillis(1))).isEmpty();
        assertThat(LADDER.due(raised, OPENED, OPENED.plus(Duration.ofMinutes(5)))).isEqualTo(OptionalInt.of(1));
        Alert tier1 = ((AlertTransition.Applied) raised.escalate(1)).alert();
        assertThat(LADDER.due(tier1, OPENED, OPENED.plus(Duration.ofMinutes(9)))).isEmpty();
        assertThat(LADDER.due(tier1, OPENED, OPENED.plus(Duration.ofMinutes(10)))).isEqualTo(OptionalInt.of(2));
        Alert tier2 = ((AlertTransition.Applied) tier1.escalate(2)).alert();
        assertThat(LADDER.due(tier2, OPENED, OPENED.plus(Duration.ofHours(5)))).isEmpty();
    }

    @Test
    void due_skipsToTheTierItsAgeCallsFor() {
        assertThat(LADDER.due(raised, OPENED, OPENED.plus(Duration.ofMinutes(12)))).isEqualTo(OptionalInt.of(2));
    }

    @Test
    void due_nothingForAcknowledgedResolvedOrSnoozed() {
        Clock at = Clock.fixed(OPENED.plusSeconds(60), ZoneOffset.UTC);
        Alert acked = ((AlertTransition.Applied) raised.acknowledge("nurse", "attending", at)).alert();
        Alert resolved = ((AlertTransition.Applied) raised.conditionCleared(OPENED.plusSeconds(90))).alert();
        Alert snoozed = ((AlertTransition.Applied) raised.snooze("nurse", Duration.ofMinutes(15),
                Duration.ofMinutes(30), at)).alert();
        Instant late = OPENED.plus(Duration.ofMinutes(11));

        assertThat(LADDER.due(acked, OPENED, late)).isEmpty();
        assertThat(LADDER.due(resolved, OPENED, late)).isEmpty();
        assertThat(LADDER.due(snoozed, OPENED, late)).isEmpty();
        assertThat(LADDER.due(snoozed, OPENED, OPENED.plus(Duration.ofMinutes(16)))).isEqualTo(OptionalInt.of(2));
    }

    @Test
    void roles_byTier_lastForBeyond() {
        assertThat(LADDER.roleOf(0)).isEqualTo("bedside-nurse");
        assertThat(LADDER.roleOf(2)).isEqualTo("rapid-response");
        assertThat(LADDER.roleOf(7)).isEqualTo("rapid-response");
    }

    @Test
    void ladder_mustGrowStrictly() {
        assertThatThrownBy(() -> new Escalation(List.of(new Escalation.Tier("a", Duration.ofMinutes(5)),
                new Escalation.Tier("b", Duration.ofMinutes(5))))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Escalation(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
