package io.vigil.analytics.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A care unit's escalation ladder: who is told about an alert nobody has acknowledged, by role, after how long.
 * Tier 0 is told when the alert is raised (its {@code after} is normally 0); an alert still ACTIVE (not acknowledged,
 * not resolved) {@code after} it was opened goes to that tier. A snoozed alert does not escalate while snoozed; when
 * the snooze ends and still nobody has acknowledged it, it goes straight to the tier its age calls for.
 *
 * @param tiers in order of {@code after}, strictly increasing
 */
public record Escalation(List<Tier> tiers) {

    /** One rung: the role told, and how long after raising (unacknowledged) it is told. */
    public record Tier(String role, Duration after) {
        public Tier {
            Objects.requireNonNull(role, "role");
            if (after == null || after.isNegative()) {
                throw new IllegalArgumentException("a tier is told at or after the alert is raised");
            }
        }
    }

    public Escalation {
        tiers = List.copyOf(tiers);
        if (tiers.isEmpty()) {
            throw new IllegalArgumentException("an escalation has at least one tier");
        }
        for (int i = 1; i < tiers.size(); i++) {
            if (tiers.get(i).after().compareTo(tiers.get(i - 1).after()) <= 0) {
                throw new IllegalArgumentException("escalation tiers come strictly later one after the other");
            }
        }
    }

    /**
     * The tier the alert should be escalated to now, if later than the one it reached; empty when it need not move
     * (acknowledged, resolved, snoozed, or not yet due).
     *
     * @param since when the server opened the alert (server time: a device's reading time may be off or late)
     */
    public OptionalInt due(Alert alert, Instant since, Instant now) {
        if (alert.state() != AlertState.ACTIVE || alert.snoozedAt(now)) {
            return OptionalInt.empty();
        }
        Duration waited = Duration.between(since, now);
        int reached = 0;
        for (int i = 0; i < tiers.size(); i++) {
            if (tiers.get(i).after().compareTo(waited) <= 0) {
                reached = i;
            }
        }
        return reached > alert.tier() ? OptionalInt.of(reached) : OptionalInt.empty();
    }

    /** The role of a tier (the last one for any tier past the end). */
    public String roleOf(int tier) {
        return tiers.get(Math.min(tier, tiers.size() - 1)).role();
    }
}
