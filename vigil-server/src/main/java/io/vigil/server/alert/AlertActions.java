package io.vigil.server.alert;

import io.vigil.analytics.alert.Alert;
import io.vigil.analytics.alert.AlertState;
import io.vigil.analytics.alert.AlertTransition;
import io.vigil.analytics.alert.Escalation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * The transitions people and the scheduler make: acknowledge (per person), resolve, snooze; escalate and end
 * snoozes. Each is applied to the stored alert under its optimistic lock (read again and re-applied when the
 * reading listener changed it meanwhile) and journalled once stored.
 */
@Component
class AlertActions {
    private static final int ATTEMPTS = 5;

    /** The outcome of a person's transition. */
    sealed interface Outcome {
        record Done(AlertStore.Stored stored) implements Outcome {}

        record Refused(AlertTransition.Refused refusal) implements Outcome {}

        /** The alert kept changing under us. */
        record Busy() implements Outcome {}

        /** The person had already acknowledged this alert. */
        record AlreadyAcknowledged() implements Outcome {}
    }

    private final AlertStore alerts;
    private final AlertHistory history;
    private final AlertJournal journal;
    private final AlertProperties settings;
    private final Clock clock;

    AlertActions(AlertStore alerts, AlertHistory history, AlertJournal journal, AlertProperties settings, Clock clock) {
        this.alerts = alerts;
        this.history = history;
        this.journal = journal;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * A person acknowledges: the first moves the alert to ACKNOWLEDGED (and stops its escalation); later ones, by
     * other people, are recorded against the alert without changing its state.
     */
    Outcome acknowledge(String id, String user, String role, String reason) {
        AlertStore.Stored current = alerts.find(id).orElseThrow();
        if (current.alert().state() == AlertState.ACKNOWLEDGED && reason != null && !reason.isBlank()) {
            return personalAck(current, user, role, reason.strip());
        }
        Outcome outcome = change(id, alert -> alert.acknowledge(user, reason, clock));
        if (outcome instanceof Outcome.Done done) {
            Alert acked = done.stored().alert();
            history.acknowledge(id, new AlertHistory.Acknowledgement(user, acked.reason(), acked.acknowledgedAt()));
            journal.record(AlertView.Message.ACKNOWLEDGED, acked, done.stored().unit(), user, role, acked.acknowledgedAt(),
                    acked.reason(), null);
        }
        return outcome;
    }

    private Outcome personalAck(AlertStore.Stored current, String user, String role, String reason) {
        Instant now = clock.instant();
        if (!history.acknowledge(current.alert().id(), new AlertHistory.Acknowledgement(user, reason, now))) {
            return new Outcome.AlreadyAcknowledged();
        }
        journal.record(AlertView.Message.ACKNOWLEDGED, current.alert(), current.unit(), user, role, now, reason, null);
        return new Outcome.Done(current);
    }

    Outcome resolve(String id, String user, String role) {
        Outcome outcome = change(id, alert -> alert.resolve(user, clock));
        if (outcome instanceof Outcome.Done done) {
            journal.record(AlertView.Message.RESOLVED, done.stored().alert(), done.stored().unit(), user, role,
                    done.stored().alert().resolvedAt(), "resolved by a person", null);
        }
        return outcome;
    }

    Outcome snooze(String id, String user, String role, Duration duration) {
        Outcome outcome = change(id, alert -> alert.snooze(user, duration, settings.longestSnooze(), clock));
        if (outcome instanceof Outcome.Done done) {
            journal.record(AlertView.Message.SNOOZED, done.stored().alert(), done.stored().unit(), user, role,
                    clock.instant(), "until " + done.stored().alert().snoozedUntil(), null);
        }
        return outcome;
    }

    /** The scheduler's round: ends snoozes that are over (announcing the alert again), then escalates. */
    void escalateAndWake() {
        Instant now = clock.instant();
        for (AlertStore.Stored stored : alerts.snoozeOver(now)) {
            if (change(stored.alert().id(), alert -> alert.snoozeEnded(now)) instanceof Outcome.Done done) {
                Alert woken = done.stored().alert();
                journal.record(AlertView.Message.SNOOZE_ENDED, woken, done.stored().unit(), AlertJournal.SYSTEM, null, now,
                        "still " + woken.state().code(), settings.escalationOf(done.stored().unit()).roleOf(woken.tier()));
            }
        }
        for (AlertStore.Stored stored : alerts.active()) {
            Escalation ladder = settings.escalationOf(stored.unit());
            Instant since = stored.openedAt() == null ? stored.alert().raisedAt() : stored.openedAt();
            OptionalInt due = ladder.due(stored.alert(), since, now);
            if (due.isPresent() && change(stored.alert().id(), alert -> alert.escalate(due.getAsInt()))
                    instanceof Outcome.Done done) {
                journal.record(AlertView.Message.ESCALATED, done.stored().alert(), done.stored().unit(), AlertJournal.SYSTEM,
                        null, now, "tier " + due.getAsInt() + " after " + Duration.between(since, now).toSeconds() + " s",
                        ladder.roleOf(due.getAsInt()));
            }
        }
    }

    private Outcome change(String id, Function<Alert, AlertTransition> transition) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            AlertStore.Stored stored = alerts.find(id).orElseThrow();
            switch (transition.apply(stored.alert())) {
                case AlertTransition.Applied applied -> {
                    if (alerts.update(applied.alert(), stored.version())) {
                        return new Outcome.Done(new AlertStore.Stored(applied.alert(), stored.version() + 1,
                                stored.openedAt(), stored.unit()));
                    }
                }
                case AlertTransition.Refused refused -> {
                    return new Outcome.Refused(refused);
                }
            }
        }
        return new Outcome.Busy();
    }
}
