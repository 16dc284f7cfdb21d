package io.vigil.server.alert;

import io.vigil.analytics.alert.Alert;
import java.time.Instant;

/** An alert as the API, its event stream and its webhooks show it. */
public record AlertView(String id, String patient, String unit, String rule, String measurement, String priority,
                        String category, String state, Instant raisedAt, double firstValue, double lastValue,
                        Instant lastTime, int count, String acknowledgedBy, Instant acknowledgedAt, String reason,
                        String resolvedBy, Instant resolvedAt, boolean resolvedAutomatically, Instant snoozedUntil,
                        boolean snoozed, int escalationTier, String escalationRole, String assignee,
                        String assignedBy, Instant assignedAt) {

    static AlertView of(Alert a, String unit, AlertProperties settings, Instant now) {
        return of(a, unit, null, settings, now);
    }

    /** The alert with who holds it ({@code held} null: nobody). */
    static AlertView of(Alert a, String unit, AlertAssignments.Assignment held, AlertProperties settings, Instant now) {
        return new AlertView(a.id(), a.patient(), unit, a.rule(), a.measurement(), a.priority().code(),
                a.category().code(), a.state().code(), a.raisedAt(), a.firstValue(), a.lastValue(), a.lastTime(),
                a.count(), a.acknowledgedBy(), a.acknowledgedAt(), a.reason(), a.resolvedBy(), a.resolvedAt(),
                a.resolvedAutomatically(), a.snoozedUntil(), a.snoozedAt(now), a.tier(),
                settings.escalationOf(unit).roleOf(a.tier()), held == null ? null : held.assignee(),
                held == null ? null : held.assignedBy(), held == null ? null : held.assignedAt());
    }

    /**
     * One stored change of an alert as delivered to its listeners (event stream {@code data}, webhook body).
     *
     * @param action     raised, updated (another breach), acknowledged, snoozed, snooze-ended, escalated, resolved,
     *                   assigned (to a person, also when reassigned) or unassigned
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
        public static final String ASSIGNED = "assigned";
        public static final String UNASSIGNED = "unassigned";
    }
}
