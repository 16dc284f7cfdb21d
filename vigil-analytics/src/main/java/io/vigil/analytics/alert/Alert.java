package io.vigil.analytics.alert;

import io.vigil.analytics.alert.AlertTransition.Applied;
import io.vigil.analytics.alert.AlertTransition.Refusal;
import io.vigil.analytics.alert.AlertTransition.Refused;
import io.vigil.analytics.limit.LimitEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What staff must act on: one alert per episode of a rule's condition for a patient. Repeated breaches
 * while it is open update it ({@code count}, last value and time) rather than open another.
 * <p>
 * "Acknowledged" means somebody took it on: the first person's acknowledgement moves it ACTIVE → ACKNOWLEDGED and
 * stops its escalation ({@code acknowledgedBy/At/reason} keep that first one). Others may acknowledge it as well;
 * the server records each person's acknowledgement, it does not change the alert.
 *
 * @param rule          the id of the rule that raised it (e.g. {@code heart-rate-high})
 * @param category      IEC 60601-1-8: physiological or technical
 * @param count         how many breaching readings it has seen
 * @param resolvedBy    the user who resolved it; null while open and when the condition cleared by itself
 * @param snoozedUntil  while in the future, the alert is silenced (no re-alerting, no escalation); null if not
 * @param tier          the escalation tier it reached (0 = the first tier, told when it was raised)
 */
public record Alert(String id, String patient, String rule, String measurement, AlertPriority priority,
                    AlertCategory category, AlertState state, Instant raisedAt, double firstValue, double lastValue,
                    Instant lastTime, int count, String acknowledgedBy, Instant acknowledgedAt, String reason,
                    String resolvedBy, Instant resolvedAt, Instant snoozedUntil, int tier) {

    public Alert {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(state, "state");
        if (count < 1) {
            throw new IllegalArgumentException("an alert has seen at least one breach");
        }
        if (tier < 0) {
            throw new IllegalArgumentException("escalation tiers count from 0");
        }
    }

    /** A new active alert for a raised condition. */
    public static Alert raise(String id, LimitEvent.Raised raised) {
        return raise(id, (ConditionEvent.Raised) raised.condition());
    }

    /** A new active alert for any rule's raised condition. */
    public static Alert raise(String id, ConditionEvent.Raised raised) {
        return new Alert(id, raised.patient(), raised.rule().id(), raised.rule().measurement(), raised.rule().priority(),
                raised.rule().category(), AlertState.ACTIVE, raised.time(), raised.value(), raised.value(),
                raised.time(), 1, null, null, null, null, null, null, 0);
    }

    /** Another breaching reading of the same condition (deduplication); only open alerts take it. */
    public AlertTransition recur(double value, Instant time) {
        if (!state.open()) {
            return illegal("recur");
        }
        boolean newest = !time.isBefore(lastTime);
        return new Applied(with(state, newest ? value : lastValue, newest ? time : lastTime, count + 1,
                acknowledgedBy, acknowledgedAt, reason, resolvedBy, resolvedAt, snoozedUntil, tier));
    }

    /** ACTIVE → ACKNOWLEDGED, by a named user with a reason; ends any snooze. */
    public AlertTransition acknowledge(String user, String why, Clock clock) {
        if (user == null || user.isBlank()) {
            return new Refused(Refusal.USER_REQUIRED, "An acknowledgement names who acknowledged");
        }
        if (why == null || why.isBlank()) {
            return new Refused(Refusal.REASON_REQUIRED, "An acknowledgement needs a reason");
        }
        if (state != AlertState.ACTIVE) {
            return illegal("acknowledge");
        }
        return new Applied(with(AlertState.ACKNOWLEDGED, lastValue, lastTime, count, user, clock.instant(),
                why.strip(), null, null, null, tier));
    }

    /** ACTIVE or ACKNOWLEDGED → RESOLVED by a user. */
    public AlertTransition resolve(String user, Clock clock) {
        if (user == null || user.isBlank()) {
            return new Refused(Refusal.USER_REQUIRED, "A resolution by a person names who resolved");
        }
        return resolved(user, clock.instant());
    }

    /** ACTIVE or ACKNOWLEDGED → RESOLVED because the condition cleared (at the clearing reading's time). */
    public AlertTransition conditionCleared(Instant time) {
        return resolved(null, time);
    }

    /**
     * Silences an open alert for a while (at most {@code longest}): no re-alerting and no escalation until it ends,
     * when the alert is announced again if it is still open. Snoozing again replaces the end.
     */
    public AlertTransition snooze(String user, Duration duration, Duration longest, Clock clock) {
        if (user == null || user.isBlank()) {
            return new Refused(Refusal.USER_REQUIRED, "A snooze names who snoozed");
        }
        if (duration == null || duration.isNegative() || duration.isZero() || duration.compareTo(longest) > 0) {
            return new Refused(Refusal.SNOOZE_OUT_OF_BOUNDS,
                    "A snooze lasts more than 0 and at most " + longest.toMinutes() + " minutes");
        }
        if (!state.open()) {
            return illegal("be snoozed");
        }
        return new Applied(with(state, lastValue, lastTime, count, acknowledgedBy, acknowledgedAt, reason,
                resolvedBy, resolvedAt, clock.instant().plus(duration), tier));
    }

    /** Whether it is silenced at this instant. */
    public boolean snoozedAt(Instant now) {
        return snoozedUntil != null && now.isBefore(snoozedUntil);
    }

    /** The snooze is over (its end has passed): the alert, unsilenced, to announce again; illegal if not snoozed. */
    public AlertTransition snoozeEnded(Instant now) {
        if (!state.open() || snoozedUntil == null || snoozedAt(now)) {
            return illegal("end a snooze");
        }
        return new Applied(with(state, lastValue, lastTime, count, acknowledgedBy, acknowledgedAt, reason,
                resolvedBy, resolvedAt, null, tier));
    }

    /** An unacknowledged alert goes up to a later escalation tier. */
    public AlertTransition escalate(int toTier) {
        if (state != AlertState.ACTIVE || toTier <= tier) {
            return illegal("escalate to tier " + toTier);
        }
        return new Applied(with(state, lastValue, lastTime, count, acknowledgedBy, acknowledgedAt, reason,
                resolvedBy, resolvedAt, snoozedUntil, toTier));
    }

    /** Whether it was resolved by its condition clearing rather than by a person. */
    public boolean resolvedAutomatically() {
        return state == AlertState.RESOLVED && resolvedBy == null;
    }

    private AlertTransition resolved(String user, Instant time) {
        if (!state.open()) {
            return illegal("resolve");
        }
        return new Applied(with(AlertState.RESOLVED, lastValue, lastTime, count, acknowledgedBy, acknowledgedAt,
                reason, user, time, null, tier));
    }

    private Alert with(AlertState newState, double value, Instant time, int breaches, String ackBy, Instant ackAt,
                       String why, String resolver, Instant resolved, Instant snoozed, int toTier) {
        return new Alert(id, patient, rule, measurement, priority, category, newState, raisedAt, firstValue, value,
                time, breaches, ackBy, ackAt, why, resolver, resolved, snoozed, toTier);
    }

    private Refused illegal(String action) {
        return new Refused(Refusal.ILLEGAL_TRANSITION, "A " + state.code() + " alert cannot " + action);
    }
}
