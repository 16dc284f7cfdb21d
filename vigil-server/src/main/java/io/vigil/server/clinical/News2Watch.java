package io.vigil.server.clinical;

import io.vigil.analytics.alert.ConditionEvent;
import io.vigil.analytics.news2.News2Alarm;
import io.vigil.model.ObservationRecord;
import io.vigil.server.alert.AlertConditions;
import io.vigil.server.observation.ObservationEvents;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Recomputes a patient's NEWS2 whenever one of its readings is stored (after commit, in commit order): keeps each
 * new score in the history (when its total or its basis changed; a score of nothing — every parameter missing or
 * stale — is not kept) and reports the {@link News2Alarm} condition —
 * {@code news2-medium} / {@code news2-high} — to the alert workflow. The alarms live in memory: after a restart a
 * score still high raises again, which updates the alert still open in the database. Not for clinical use.
 */
@Component
class News2Watch implements SmartLifecycle {

    /** What was last stored for a patient, to skip identical scores. */
    private record Seen(int total, boolean complete, Map<?, String> basis) {}

    private final ObservationEvents events;
    private final News2Scores news2;
    private final News2History history;
    private final AlertConditions conditions;
    private final Map<String, News2Alarm> alarms = new ConcurrentHashMap<>();
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();
    private volatile AutoCloseable subscription;

    News2Watch(ObservationEvents events, News2Scores news2, News2History history, AlertConditions conditions) {
        this.events = events;
        this.news2 = news2;
        this.history = history;
        this.conditions = conditions;
    }

    void onStored(List<ObservationRecord> stored) {
        Set<String> patients = new LinkedHashSet<>();
        for (ObservationRecord o : stored) {
            if (o.patientId() != null && News2Scores.NEWS2_TYPES.contains(o.measurement().type().alias())) {
                patients.add(o.patientId());
            }
        }
        for (String patient : patients) {
            News2Scores.Assessment assessment = news2.current(patient);
            Seen now = new Seen(assessment.score().total(), assessment.score().complete(), assessment.basis());
            boolean scoredSomething = !assessment.score().subscores().isEmpty();
            if (scoredSomething && !Objects.equals(seen.put(patient, now), now)) {
                history.append(assessment);
            }
            for (ConditionEvent event : alarms.computeIfAbsent(patient, News2Alarm::new).accept(assessment.score())) {
                conditions.report(event);
            }
        }
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
                throw new IllegalStateException("cannot unsubscribe the NEWS2 watch", e);
            }
        }
    }

    @Override
    public boolean isRunning() {
        return subscription != null;
    }
}
