package io.vigil.server.alert;

import io.vigil.analytics.alert.Alert;
import io.vigil.server.audit.AuditEvent;
import io.vigil.server.audit.AuditTrail;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Every stored alert change goes through here once: into the alert's own history, into the hash-chained audit
 * trail (who, when, which alert of which patient), into the log (ids only) and out to the {@link AlertFeed}.
 * Another breach of an open alert ({@code updated}) only goes out to the feed: it is the reading, already audited
 * as stored, not an act on the alert.
 */
@Component
class AlertJournal {
    static final String SYSTEM = "system";
    private static final Logger log = LoggerFactory.getLogger(AlertJournal.class);

    private final AlertHistory history;
    private final AuditTrail audit;
    private final AlertFeed feed;
    private final AlertProperties settings;
    private final AlertAssignments assignments;

    AlertJournal(AlertHistory history, AuditTrail audit, AlertFeed feed, AlertProperties settings,
                 AlertAssignments assignments) {
        this.history = history;
        this.assignments = assignments;
        this.audit = audit;
        this.feed = feed;
        this.settings = settings;
    }

    void record(String action, Alert alert, String unit, String actor, String role, Instant at, String detail,
                String notify) {
        if (!AlertView.Message.UPDATED.equals(action)) {
            history.append(alert.id(), new AlertHistory.Transition(action, actor, at, alert.state().code(), detail));
            audit.record(new AuditEvent(at, actor, role, "alert." + action, "Alert", alert.id(), alert.patient(),
                    AuditEvent.Outcome.SUCCESS, null, null));
            log.info("event=alert.{} alert={} patient={} rule={} priority={} by={}{}", action, alert.id(),
                    alert.patient(), alert.rule(), alert.priority().code(), actor,
                    notify == null ? "" : " notify=" + notify);
        }
        // A new alert has nobody holding it yet; any later change carries who does.
        AlertAssignments.Assignment held = AlertView.Message.RAISED.equals(action) ? null
                : assignments.of(alert.id()).orElse(null);
        feed.publish(new AlertView.Message(action, at, actor, detail, notify,
                AlertView.of(alert, unit, held, settings, at)));
    }
}
