package io.vigil.analytics.alert;

import java.time.Instant;

/**
 * What any rule saw happen to its condition for one patient — the one input of the alert workflow
 * ({@link AlertPolicy}). Limits, trends, scores, rhythm and no-data rules all speak it.
 */
public sealed interface ConditionEvent {
    AlertRule rule();

    String patient();

    /** The value that drove the event, in the rule's unit (a score, a rate, minutes without data…). */
    double value();

    Instant time();

    /** The condition became true. */
    record Raised(AlertRule rule, String patient, double value, Instant time) implements ConditionEvent {}

    /** Still true: another breaching value while the condition is raised. */
    record Continuing(AlertRule rule, String patient, double value, Instant time) implements ConditionEvent {}

    /** The condition is over (with the rule's own hysteresis). */
    record Cleared(AlertRule rule, String patient, double value, Instant time) implements ConditionEvent {}
}
