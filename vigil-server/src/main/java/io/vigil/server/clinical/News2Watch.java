package io.vigil.server.clinical;

import io.vigil.analytics.alert.ConditionEvent;
import io.vigil.analytics.news2.News2Alarm;
import io.vigil.model.ObservationRecord;
import io.vigil.server.alert.AlertConditions;
import io.vigil.server.alert.Listening;
import io.vigil.server.observation.ObservationEvents;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Recomputes a patient's NEWS2 whenever one of its readings is stored (after commit, on its own thread): keeps each
 * new score in the history (when its total or its basis changed; a score of nothing — every parameter missing or
 * stale — is not kept) and reports the {@link News2Alarm} condition —
 * {@code news2-medium} / {@code news2-high} — to the alert workflow. The alarms live in memory: after a restart a
 * score still high raises again, which updates the alert still open in the database. Not for clinical use.
 */
@Component
class News2Watch extends Listening implements io.vigil.server.observation.PatientHandover {
    private static final Logger log = LoggerFactory.getLogger(News2Watch.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    /** What was last stored for a patient, to skip identical scores. */
    private record Seen(int total, boolean complete, Map<?, String> basis) {}

    private final ObservationEvents events;
    private final News2Scores news2;
    private final News2History history;
    private final AlertConditions conditions;
    private final Duration holdToClear;
    private final Map<String, News2Alarm> alarms = new ConcurrentHashMap<>();
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();
    /** Patients whose NEWS2 is to be recomputed. */
    private final Set<String> due = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean draining = new AtomicBoolean();
    /** Made anew at each start: a paused context (stopped, later started again) must score again; null when stopped. */
    private volatile ExecutorService scorer;
    private volatile boolean stopping;

    News2Watch(ObservationEvents events, News2Scores news2, News2History history, AlertConditions conditions,
               @Value("${vigil.news2.clear-after:PT5M}") Duration holdToClear) {
        this.events = events;
        this.holdToClear = holdToClear;
        this.news2 = news2;
        this.history = history;
        this.conditions = conditions;
    }

    /**
     * Marks the patients of NEWS2 readings for recomputation and returns at once: the scoring (a database read per
     * patient) runs on its own thread, so it never holds up the other listeners of stored readings (limits, the
     * ward page). A patient marked again before their turn is scored once, from their newest readings — under load
     * scores are computed as often as the machine can, never from a growing queue.
     */
    void onStored(List<ObservationRecord> stored) {
        boolean added = false;
        for (ObservationRecord o : stored) {
            if (o.patientId() != null && News2Scores.NEWS2_TYPES.contains(o.measurement().type().alias())) {
                added |= due.add(o.patientId());
            }
        }
        ExecutorService current = scorer;
        if (added && current != null && draining.compareAndSet(false, true)) {
            try {
                current.execute(this::drain);
            } catch (RejectedExecutionException stopped) {
                draining.set(false); // stopping: the scorer takes no more work
            }
        }
    }

    private void drain() {
        while (true) {
            draining.set(true);
            for (String patient = next(); patient != null && !stopping; patient = next()) {
                try {
                    score(patient);
                } catch (RuntimeException e) {
                    if (stopping) {
                        log.debug("event=news2.score_abandoned_at_stop patient={} error={}", patient, e.toString());
                    } else {
                        log.warn("event=news2.score_failed patient={} error={}", patient, e.toString());
                    }
                }
            }
            draining.set(false);
            if (stopping || due.isEmpty() || !draining.compareAndSet(false, true)) {
                return;
            }
        }
    }

    private String next() {
        var it = due.iterator();
        if (!it.hasNext()) {
            return null;
        }
        String patient = it.next();
        due.remove(patient);
        return patient;
    }

    void score(String patient) {
        News2Scores.Assessment assessment = news2.current(patient);
        Seen now = new Seen(assessment.score().total(), assessment.score().complete(), assessment.basis());
        boolean scoredSomething = !assessment.score().subscores().isEmpty();
        if (scoredSomething && !Objects.equals(seen.put(patient, now), now)) {
            history.append(assessment);
        }
        for (ConditionEvent event : alarms.computeIfAbsent(patient, p -> new News2Alarm(p, holdToClear)).accept(assessment.score())) {
            conditions.report(event);
        }
    }

    /** Patients moved to or from this node (scale-out): their alarms start afresh from their next score. */
    @Override
    public void handOver(java.util.function.Predicate<String> moved) {
        alarms.keySet().removeIf(moved);
        seen.keySet().removeIf(moved);
    }

    /**
     * Stops quietly: no new readings are taken, the patient being scored is finished (its database work is not
     * interrupted halfway), the patients still due are left — their next reading after a restart scores them.
     */
    @Override
    public void stop() {
        stopping = true;
        super.stop();
        ExecutorService current = scorer;
        scorer = null;
        if (current == null) {
            return;
        }
        current.shutdown();
        try {
            if (!current.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.info("event=news2.stop_timeout waited={}", STOP_WAIT);
                current.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            current.shutdownNow();
        }
        due.clear();
    }

    @Override
    public void start() {
        stopping = false;
        draining.set(false);
        scorer = Executors.newSingleThreadExecutor(
                task -> Thread.ofPlatform().name("vigil-news2-watch").daemon().unstarted(task));
        super.start();
    }

    @Override
    protected AutoCloseable listen() {
        return events.subscribe(this::onStored);
    }
}
