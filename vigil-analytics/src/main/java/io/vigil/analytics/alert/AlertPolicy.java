package io.vigil.analytics.alert;

import io.vigil.analytics.limit.LimitEvent;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * From a condition's events to alerts: a raised condition opens an alert unless one is already open for the
 * same patient and rule (then it counts as another breach); further breaches update the open alert; a cleared
 * condition resolves it. A condition that keeps breaching after a person resolved its alert opens nothing
 * until it clears and is raised again.
 */
public final class AlertPolicy {

    private AlertPolicy() {}

    /** What happens to alerts, given the event and the open alert of the event's patient and rule, if any. */
    public static AlertChange apply(LimitEvent event, Optional<Alert> open, Supplier<String> newId) {
        return apply(event.condition(), open, newId);
    }

    /** What happens to alerts, given any rule's condition event and the open alert of its patient and rule. */
    public static AlertChange apply(ConditionEvent event, Optional<Alert> open, Supplier<String> newId) {
        return switch (event) {
            case ConditionEvent.Raised raised -> open
                    .map(alert -> updated(alert.recur(raised.value(), raised.time())))
                    .orElseGet(() -> new AlertChange.Opened(Alert.raise(newId.get(), raised)));
            case ConditionEvent.Continuing more -> open
                    .map(alert -> updated(alert.recur(more.value(), more.time())))
                    .orElse(AlertChange.NONE);
            case ConditionEvent.Cleared cleared -> open
                    .map(alert -> alert.conditionCleared(cleared.time()) instanceof AlertTransition.Applied a
                            ? (AlertChange) new AlertChange.Resolved(a.alert()) : AlertChange.NONE)
                    .orElse(AlertChange.NONE);
        };
    }

    private static AlertChange updated(AlertTransition transition) {
        return transition instanceof AlertTransition.Applied a ? new AlertChange.Updated(a.alert()) : AlertChange.NONE;
    }

    /** An alert to store, or nothing to do. */
    public sealed interface AlertChange {
        AlertChange NONE = new Unchanged();

        record Opened(Alert alert) implements AlertChange {}

        record Updated(Alert alert) implements AlertChange {}

        record Resolved(Alert alert) implements AlertChange {}

        record Unchanged() implements AlertChange {}
    }
}
