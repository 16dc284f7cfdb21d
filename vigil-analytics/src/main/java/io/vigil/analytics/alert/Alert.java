package io.vigil.analytics.alert;

import io.vigil.analytics.alert.AlertTransition.Applied;
import io.vigil.analytics.alert.AlertTransition.Refusal;
import io.vigil.analytics.alert.AlertTransition.Refused;
import io.vigil.analytics.limit.LimitEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * What staff must act on: one alert per episode of a rule's condition for a patient. Repeated breaches
 * while it is open update it ({@code count}, last value and time) rather than open another.
 *
 * @param rule          the id of the rule that raised it (e.g. {@code heart-rate-high})
 * @param count         how many breaching readings it has seen
 * @param resolvedBy    the user who resolved it; null while open and when the condition cleared by itself
 */
public record Alert(String id, String patient, String rule, String measurement, AlertPriority priority,
                    AlertState state, Instant raisedAt, double firstValue, double lastValue, Instant lastTime,
                    int count, String acknowledgedBy, Instant acknowledgedAt, String reason, String resolvedBy,
                    Instant resolvedAt) {

    public Alert {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(state, "state");
        if (count < 1) {
            throw new IllegalArgumentException("an alert has seen at least one breach");
        }
    }

    /** A new active alert for a raised condition. */
    public static Alert raise(String id, LimitEvent.Raised raised) {
        return raise(id, (ConditionEvent.Raised) raised.condition());
    }

    /** A new active alert for any rule's raised condition. */
    public static Alert raise(String id, ConditionEvent.Raised raised) {
        return new Alert(id, raised.patient(), raised.rule().id(), raised.rule().measurement(), raised.rule().priority(),
                AlertState.ACTIVE, raised.time(), raised.value(), raised.value(), raised.time(), 1, null, null, null,
                null, null);
    }

    /** Another breaching reading of the same condition (deduplication); only open alerts take it. */
    public AlertTransition recur(double value, Instant time) {
        if (!state.open()) {
            return illegal("recur");
        }
        boolean newest = !time.isBefore(lastTime);
        Instant last = newest ? time : lastTime;
        double lastSeen = newest ? value : lastValue;
        return new Applied(new Alert(id, patient, rule, measurement, priority, state, raisedAt, firstValue, lastSeen,
                last, count + 1, acknowledgedBy, acknowledgedAt, reason, resolvedBy, resolvedAt));
    }

    /** ACTIVE → ACKNOWLEDGED, by a named user with a reason. */
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
        return new Applied(new Alert(id, patient, rule, measurement, priority, AlertState.ACKNOWLEDGED, raisedAt,
                firstValue, lastValue, lastTime, count, user, clock.instant(), why.strip(), null, null));
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

    /** Whether it was resolved by its condition clearing rather than by a person. */
    public boolean resolvedAutomatically() {
        return state == AlertState.RESOLVED && resolvedBy == null;
    }

    private AlertTransition resolved(String user, Instant time) {
        if (!state.open()) {
            return illegal("resolve");
        }
        return new Applied(new Alert(id, patient, rule, measurement, priority, AlertState.RESOLVED, raisedAt,
                firstValue, lastValue, lastTime, count, acknowledgedBy, acknowledgedAt, reason, user, time));
    }

    private Refused illegal(String action) {
        return new Refused(Refusal.ILLEGAL_TRANSITION, "A " + state.code() + " alert cannot " + action);
    }
}
