package io.vigil.server.alert;

import io.vigil.analytics.alert.Alert;
import io.vigil.analytics.alert.AlertPolicy;
import io.vigil.analytics.alert.AlertPolicy.AlertChange;
import io.vigil.analytics.alert.ConditionEvent;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The one way into the alert workflow: every rule (limits, trends, NEWS2, rhythm, no-data) reports what
 * happened to its condition here, and this opens, updates or resolves the patient's alert for that rule.
 * One open alert per patient and rule, whichever device the readings came from: the store refuses a second open
 * alert, and the loser of such a race updates the winner's alert instead. A person may change the same alert
 * meanwhile; a stale write is read again and re-applied.
 */
@Component
public class AlertConditions {
    private static final Logger log = LoggerFactory.getLogger(AlertConditions.class);
    /** Enough for this many reporters changing one alert at the same instant (each round, one of them wins). */
    private static final int ATTEMPTS = 20;

    private final AlertStore alerts;
    private final AlertJournal journal;
    private final AlertProperties settings;
    private final Clock clock;

    AlertConditions(AlertStore alerts, AlertJournal journal, AlertProperties settings, Clock clock) {
        this.alerts = alerts;
        this.journal = journal;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Applies one condition event to the stored alerts. A reading may be analysed twice (in scale-out mode, after a
     * node dies before committing what it analysed): a raise already stored is not raised again, and a clearing or
     * continuing value from before the open alert was raised does not touch that (newer) alert.
     */
    public void report(ConditionEvent event) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            if (event instanceof ConditionEvent.Raised && alerts.raisedBefore(event.patient(), event.rule().id(), event.time())) {
                return;
            }
            Optional<AlertStore.Stored> open = alerts.findOpen(event.patient(), event.rule().id());
            if (!(event instanceof ConditionEvent.Raised) && open.isPresent()
                    && event.time().isBefore(open.get().alert().raisedAt())) {
                return;
            }
            AlertChange change = AlertPolicy.apply(event, open.map(AlertStore.Stored::alert),
                    () -> UUID.randomUUID().toString());
            if (saved(change, open, event)) {
                return;
            }
        }
        log.warn("event=alert.update_lost patient={} rule={} attempts={}", event.patient(), event.rule().id(), ATTEMPTS);
    }

    private boolean saved(AlertChange change, Optional<AlertStore.Stored> open, ConditionEvent event) {
        return switch (change) {
            case AlertChange.Opened opened -> {
                Alert alert = opened.alert();
                if (!alerts.insert(alert, clock.instant())) {
                    yield false; // another report opened it first: read it and update it instead
                }
                String unit = alerts.unitOf(alert.patient());
                journal.record(AlertView.Message.RAISED, alert, unit, AlertJournal.SYSTEM, null, clock.instant(),
                        "value " + event.value(), settings.escalationOf(unit).roleOf(0));
                yield true;
            }
            case AlertChange.Updated updated -> {
                boolean written = alerts.update(updated.alert(), open.orElseThrow().version());
                if (written) {
                    journal.record(AlertView.Message.UPDATED, updated.alert(), open.get().unit(), AlertJournal.SYSTEM,
                            null, clock.instant(), null, null);
                }
                yield written;
            }
            case AlertChange.Resolved resolved -> {
                boolean written = alerts.update(resolved.alert(), open.orElseThrow().version());
                if (written) {
                    journal.record(AlertView.Message.RESOLVED, resolved.alert(), open.get().unit(), AlertJournal.SYSTEM,
                            null, clock.instant(), "condition cleared at value " + event.value(), null);
                }
                yield written;
            }
            case AlertChange.Unchanged unchanged -> true;
        };
    }
}
