package io.vigil.analytics.limit;

import io.vigil.analytics.alert.AlertPriority;
import java.time.Instant;

/** What a {@link LimitMonitor} saw a reading do to a rule's condition. */
public sealed interface LimitEvent {
    LimitRule rule();

    String patient();

    double value();

    Instant time();

    /** The condition became true: the breach has held for the rule's duration. */
    record Raised(LimitRule rule, String patient, double value, Instant time) implements LimitEvent {
        public AlertPriority priority() {
            return rule.priority();
        }
    }

    /** Another breaching reading while the condition is already raised. */
    record Continuing(LimitRule rule, String patient, double value, Instant time) implements LimitEvent {}

    /** The value came back inside the limit by the hysteresis margin: the condition is over. */
    record Cleared(LimitRule rule, String patient, double value, Instant time) implements LimitEvent {}
}
