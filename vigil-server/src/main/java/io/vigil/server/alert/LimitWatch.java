package io.vigil.server.alert;

import io.vigil.analytics.limit.LimitEvent;
import io.vigil.analytics.limit.LimitMonitor;
import io.vigil.analytics.limit.LimitRules;
import io.vigil.model.ObservationRecord;
import io.vigil.server.observation.ObservationEvents;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Runs every stored reading attributed to a patient through that patient's {@link LimitMonitor} and keeps
 * the alerts it raises, updates and resolves. Readings arrive after commit, in commit order, on the
 * observation dispatch thread. The monitors live in memory: after a restart they start fresh, so a condition
 * still breached raises again — and, its alert being still open in the database, updates that alert.
 * Unattributed readings (a device not assigned to anyone) raise nothing.
 */
@Component
class LimitWatch extends Listening {

    private final ObservationEvents events;
    private final AlertConditions conditions;
    private final LimitRules rules = LimitRules.adultDefaults();
    private final Map<String, LimitMonitor> monitors = new ConcurrentHashMap<>();

    LimitWatch(ObservationEvents events, AlertConditions conditions) {
        this.events = events;
        this.conditions = conditions;
    }

    void onStored(List<ObservationRecord> stored) {
        for (ObservationRecord observation : stored) {
            if (observation.patientId() == null) {
                continue;
            }
            LimitMonitor monitor = monitors.computeIfAbsent(observation.patientId(), p -> new LimitMonitor(p, rules));
            for (LimitEvent event : monitor.accept(observation.measurement())) {
                conditions.report(event.condition());
            }
        }
    }

    @Override
    protected AutoCloseable listen() {
        return events.subscribe(this::onStored);
    }
}
