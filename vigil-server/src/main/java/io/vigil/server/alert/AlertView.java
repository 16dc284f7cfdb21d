package io.vigil.server.alert;

import io.vigil.analytics.alert.Alert;
import java.time.Instant;

/** An alert as the API, its event stream and its webhooks show it. */
public record AlertView(String id, String patient, String unit, String rule, String measurement, String priority,
                        String category, String state, Instant raisedAt, double firstValue, double lastValue,
                        Instant lastTime, int count, String acknowledgedBy, Instant acknowledgedAt, String reason,
                        String resolvedBy, Instant resolvedAt, boolean resolvedAutomatically, Instant snoozedUntil,
                        boolean snoozed, int escalationTier, String escalationRole) {

    static AlertView of(Alert a, String unit, AlertProperties settings, Instant now) {
        return new AlertView(a.id(), a.patient(), unit, a.rule(), a.measurement(), a.priority().code(),
                a.category().code(), a.state().code(), a.raisedAt(), a.firstValue(), a.lastValue(), a.lastTime(),
                a.count(), a.acknowledgedBy(), a.acknowledgedAt(), a.reason(), a.resolvedBy(), a.resolvedAt(),
                a.resolvedAutomatically(), a.snoozedUntil(), a.snoozedAt(now), a.tier(),
                settings.escalationOf(unit).roleOf(a.tier()));
    }

    /**
     * One stored change of an alert as delivered to its listeners (event stream {@code data}, webhook body).
     *
     * @param action     raised, updated (another breach), acknowledged, snoozed, snooze-ended, escalated or resolved
     * @param actor      the user, or {@code system} (the condition, the scheduler)
     * @param notifyRole the escalation role this change is for (raised: tier 0; escalated: the new tier;
     *                   snooze-ended: the tier reached), else null
     */
    public record Message(String action, Instant at, String actor, String detail, String notifyRole, AlertView alert) {
        public static final String RAISED = "raised";
        public static final String UPDATED = "updated";
        public static final String ACKNOWLEDGED = "acknowledged";
        public static final String SNOOZED = "snoozed";
        public static final String SNOOZE_ENDED = "snooze-ended";
        public static final String ESCALATED = "escalated";
        public static final String RESOLVED = "resolved";
    }
}
