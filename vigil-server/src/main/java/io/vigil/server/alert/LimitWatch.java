package io.vigil.server.alert;

import io.vigil.analytics.alert.AlertPolicy;
import io.vigil.analytics.alert.AlertPolicy.AlertChange;
import io.vigil.analytics.limit.LimitEvent;
import io.vigil.analytics.limit.LimitMonitor;
import io.vigil.analytics.limit.LimitRules;
import io.vigil.model.ObservationRecord;
import io.vigil.server.observation.ObservationEvents;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs every stored reading attributed to a patient through that patient's {@link LimitMonitor} and keeps
 * the alerts it raises, updates and resolves. Readings arrive after commit, in commit order, on the
 * observation dispatch thread. The monitors live in memory: after a restart they start fresh, so a condition
 * still breached raises again — and, its alert being still open in the database, updates that alert.
 * Unattributed readings (a device not assigned to anyone) raise nothing.
 */
@Component
class LimitWatch implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(LimitWatch.class);
    private static final int ATTEMPTS = 5;

    private final ObservationEvents events;
    private final AlertStore alerts;
    private final LimitRules rules = LimitRules.adultDefaults();
    private final Map<String, LimitMonitor> monitors = new ConcurrentHashMap<>();
    private volatile AutoCloseable subscription;

    LimitWatch(ObservationEvents events, AlertStore alerts) {
        this.events = events;
        this.alerts = alerts;
    }

    void onStored(List<ObservationRecord> stored) {
        for (ObservationRecord observation : stored) {
            if (observation.patientId() == null) {
                continue;
            }
            LimitMonitor monitor = monitors.computeIfAbsent(observation.patientId(), p -> new LimitMonitor(p, rules));
            for (LimitEvent event : monitor.accept(observation.measurement())) {
                apply(event);
            }
        }
    }

    /** Applies one event to the stored alerts, reading again if a person changed the alert meanwhile. */
    private void apply(LimitEvent event) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<AlertStore.Stored> open = alerts.findOpen(event.patient(), event.rule().id());
            AlertChange change = AlertPolicy.apply(event, open.map(AlertStore.Stored::alert),
                    () -> UUID.randomUUID().toString());
            boolean saved = switch (change) {
                case AlertChange.Opened opened -> {
                    alerts.insert(opened.alert());
                    log.info("event=alert.raised alert={} patient={} rule={} priority={}", opened.alert().id(),
                            event.patient(), event.rule().id(), opened.alert().priority().code());
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
            if (saved) {
                return;
            }
        }
        log.warn("event=alert.update_lost patient={} rule={} attempts={}", event.patient(), event.rule().id(), ATTEMPTS);
    }

    @Override
    public void start() {
        subscription = events.subscribe(this::onStored);
    }

    @Override
    public void stop() {
        AutoCloseable current = subscription;
        subscription = null;
        if (current != null) {
            try {
                current.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot unsubscribe the limit watch", e);
            }
        }
    }

    @Override
    public boolean isRunning() {
        return subscription != null;
    }
}
