package io.vigil.analytics.alert;

/** The outcome of asking an alert to change state: the changed alert, or a refusal as a value. */
public sealed interface AlertTransition {

    record Applied(Alert alert) implements AlertTransition {}

    record Refused(Refusal refusal, String message) implements AlertTransition {}

    /** Why a transition was refused. */
    enum Refusal {
        /** An acknowledgement needs a non-blank reason. */
        REASON_REQUIRED,
        /** Every transition by a person names the person. */
        USER_REQUIRED,
        /** A snooze is longer than 0 and at most the configured longest. */
        SNOOZE_OUT_OF_BOUNDS,
        /** The alert's state does not allow it (e.g. acknowledging a resolved alert). */
        ILLEGAL_TRANSITION
    }
}
