package io.vigil.analytics.limit;

import io.vigil.analytics.alert.AlertCategory;
import io.vigil.analytics.alert.AlertPriority;
import io.vigil.analytics.alert.AlertRule;
import io.vigil.analytics.alert.ConditionEvent;
import java.time.Instant;

/** What a {@link LimitMonitor} saw a reading do to a rule's condition. */
public sealed interface LimitEvent {
    LimitRule rule();

    String patient();

    double value();

    Instant time();

    /** The same event in the alert workflow's terms (a limit is a physiological condition). */
    default ConditionEvent condition() {
        AlertRule alertRule = new AlertRule(rule().id(), rule().measurement(), rule().priority(),
                AlertCategory.PHYSIOLOGICAL);
        return switch (this) {
            case Raised r -> new ConditionEvent.Raised(alertRule, patient(), value(), time());
            case Continuing c -> new ConditionEvent.Continuing(alertRule, patient(), value(), time());
            case Cleared c -> new ConditionEvent.Cleared(alertRule, patient(), value(), time());
        };
    }

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
