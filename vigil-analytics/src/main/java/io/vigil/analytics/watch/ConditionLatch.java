package io.vigil.analytics.watch;

import io.vigil.analytics.alert.AlertRule;
import io.vigil.analytics.alert.ConditionEvent;
import java.time.Instant;

/**
 * The raised-or-not state of one rule's condition for one patient, turning "the condition holds / is over"
 * into the workflow's events: the first holding raises, further holdings continue, an end clears. The rule
 * itself decides what "over" means (its hysteresis), so a value between breach and clear returns nothing.
 * Not thread-safe.
 */
public final class ConditionLatch {
    private final AlertRule rule;
    private final String patient;
    private boolean raised;

    public ConditionLatch(AlertRule rule, String patient) {
        this.rule = rule;
        this.patient = patient;
    }

    public AlertRule rule() {
        return rule;
    }

    public boolean raised() {
        return raised;
    }

    /** The condition holds at {@code time}: raised the first time, continuing after. */
    public ConditionEvent holds(double value, Instant time) {
        if (raised) {
            return new ConditionEvent.Continuing(rule, patient, value, time);
        }
        raised = true;
        return new ConditionEvent.Raised(rule, patient, value, time);
    }

    /** The condition is over: cleared if it was raised, else nothing (null). */
    public ConditionEvent over(double value, Instant time) {
        if (!raised) {
            return null;
        }
        raised = false;
        return new ConditionEvent.Cleared(rule, patient, value, time);
    }
}
