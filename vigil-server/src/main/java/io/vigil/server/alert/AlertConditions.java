package io.vigil.server.alert;

import io.vigil.analytics.alert.AlertPolicy;
import io.vigil.analytics.alert.AlertPolicy.AlertChange;
import io.vigil.analytics.alert.ConditionEvent;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The one way into the alert workflow: every rule (limits, trends, NEWS2, rhythm, no-data) reports what
 * happened to its condition here, and this opens, updates or resolves the patient's alert for that rule.
 * A person may change the same alert meanwhile; a stale write is read again and re-applied.
 */
@Component
public class AlertConditions {
    private static final Logger log = LoggerFactory.getLogger(AlertConditions.class);
    private static final int ATTEMPTS = 5;

    private final AlertStore alerts;

    AlertConditions(AlertStore alerts) {
        this.alerts = alerts;
    }

    /** Applies one condition event to the stored alerts. */
    public void report(ConditionEvent event) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<AlertStore.Stored> open = alerts.findOpen(event.patient(), event.rule().id());
            AlertChange change = AlertPolicy.apply(event, open.map(AlertStore.Stored::alert),
                    () -> UUID.randomUUID().toString());
            if (saved(change, open)) {
                return;
            }
        }
        log.warn("event=alert.update_lost patient={} rule={} attempts={}", event.patient(), event.rule().id(), ATTEMPTS);
    }

    private boolean saved(AlertChange change, Optional<AlertStore.Stored> open) {
        return switch (change) {
            case AlertChange.Opened opened -> {
                alerts.insert(opened.alert());
                log.info("event=alert.raised alert={} patient={} rule={} priority={}", opened.alert().id(),
                        opened.alert().patient(), opened.alert().rule(), opened.alert().priority().code());
                yield true;
            }
            case AlertChange.Updated updated -> alerts.update(updated.alert(), open.orElseThrow().version());
            case AlertChange.Resolved resolved -> {
                boolean written = alerts.update(resolved.alert(), open.orElseThrow().version());
                if (written) {
                    log.info("event=alert.resolved alert={} by=condition-cleared", resolved.alert().id());
                }
                yield written;
            }
            case AlertChange.Unchanged unchanged -> true;
        };
    }
}
