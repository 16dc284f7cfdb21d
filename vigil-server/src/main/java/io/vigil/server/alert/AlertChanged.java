package io.vigil.server.alert;

import io.vigil.analytics.alert.Alert;
import java.time.Instant;

/**
 * One change of an alert as its listeners see it (event streams, webhooks, metrics).
 *
 * @param action    raised, updated (another breach), acknowledged, snoozed, snooze-ended, escalated or resolved
 * @param unit      the patient's care unit, null if none
 * @param actor     the user, or {@code system} (condition, scheduler)
 * @param notifyRolethe escalation role to tell (raised: tier 0; escalated: the new tier; snooze-ended: the current
 *                  tier); null for changes that tell nobody new
 */
public record AlertChanged(String action, Alert alert, String unit, String actor, Instant at, String detail,
                           String notifyRole) {
    public static final String RAISED = "raised";
    public static final String UPDATED = "updated";
    public static final String ACKNOWLEDGED = "acknowledged";
    public static final String SNOOZED = "snoozed";
    public static final String SNOOZE_ENDED = "snooze-ended";
    public static final String ESCALATED = "escalated";
    public static final String RESOLVED = "resolved";
}
