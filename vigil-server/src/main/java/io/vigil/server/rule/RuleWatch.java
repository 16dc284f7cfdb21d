package io.vigil.server.rule;

import io.vigil.analytics.alert.ConditionEvent;
import io.vigil.analytics.limit.LimitRule;
import io.vigil.analytics.watch.PatientWatch;
import io.vigil.analytics.watch.WatchRules;
import io.vigil.model.ObservationRecord;
import io.vigil.server.alert.AlertConditions;
import io.vigil.server.alert.ConditionLanes;
import io.vigil.server.clinical.News2ScaleChosen;
import io.vigil.server.clinical.News2ScaleStore;
import io.vigil.server.observation.ObservationEvents;
import io.vigil.server.observation.ObservationQuery;
import io.vigil.server.observation.ObservationStore;
import io.vigil.server.observation.PatientHandover;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Runs every stored reading attributed to a patient through that patient's {@link PatientWatch} — limits (with
 * the patient's overrides and NEWS2 SpO2 scale), technical conditions, trends, the CGM predicted low — and reports
 * each condition event to {@link AlertConditions} through {@link ConditionLanes} (the alert database work runs off
 * this thread, raised and cleared conditions ahead of further breaches). Readings arrive after commit, in commit
 * order, on the observation dispatch thread. An override set over REST, and a NEWS2 SpO2 scale chosen over REST
 * ({@link News2ScaleChosen}, once committed), take effect from the patient's next reading. The watches live in
 * memory: after a restart they start fresh, so a condition still true raises again — and, its alert being still
 * open, updates that alert. Unattributed readings (a device not assigned to anyone) raise nothing. In scale-out mode
 * a patient handed over to this node (their Kafka partition moved here) gets a watch rebuilt from their readings of
 * the last {@code vigil.bus.kafka.rebuild-window} before the reading that arrives, so a condition raised on the node
 * that died is still raised here (and clears when it should).
 */
@Component
class RuleWatch extends ReadingSubscriber implements PatientHandover {
    /** At most this many readings rebuild one patient's watch. */
    private static final int REBUILD_LIMIT = 5_000;

    private final ConditionLanes conditions;
    private final LimitOverrideStore overrides;
    private final News2ScaleStore scales;
    private final WatchRules rules;
    /** Each patient's watch; guarded by the watch itself. */
    private final Map<String, PatientWatch> watches = new ConcurrentHashMap<>();
    private final ObservationStore store;
    private final Duration rebuildWindow;
    /** Patients handed over to this node: their watches are rebuilt from the database. */
    private final List<Predicate<String>> handedOver = new CopyOnWriteArrayList<>();

    RuleWatch(ObservationEvents events, ConditionLanes conditions, LimitOverrideStore overrides, News2ScaleStore scales,
              RuleProperties properties, ObservationStore store,
              @Value("${vigil.bus.kafka.rebuild-window:1h}") Duration rebuildWindow) {
        super(events);
        this.store = store;
        this.rebuildWindow = rebuildWindow;
        this.conditions = conditions;
        this.overrides = overrides;
        this.scales = scales;
        this.rules = properties.watchRules();
    }

    @Override
    void onStored(List<ObservationRecord> stored) {
        Set<String> batch = null;
        for (ObservationRecord observation : stored) {
            if (observation.patientId() == null) {
                continue;
            }
            PatientWatch watch = watches.get(observation.patientId());
            if (watch == null) {
                if (batch == null) {
                    batch = stored.stream().map(ObservationRecord::id).collect(Collectors.toSet());
                }
                watch = watches.computeIfAbsent(observation.patientId(), this::watch);
                rebuild(watch, observation, batch);
            }
            List<ConditionEvent> raised;
            synchronized (watch) {
                raised = watch.accept(observation);
            }
            raised.forEach(conditions::submit);
        }
    }

    @Override
    public void handOver(Predicate<String> moved) {
        handedOver.add(moved);
        watches.keySet().removeIf(moved);
    }

    /**
     * A patient handed over to this node: their readings of the rebuild window before this one, oldest first, go
     * through the new watch with what they cause discarded (it was reported when they first arrived). The readings
     * of the batch being analysed are left for the batch.
     */
    private void rebuild(PatientWatch watch, ObservationRecord first, Set<String> batch) {
        String patient = first.patientId();
        if (handedOver.stream().noneMatch(moved -> moved.test(patient))) {
            return;
        }
        Instant to = first.measurement().time();
        List<ObservationRecord> earlier = store.search(new ObservationQuery(patient, null, List.of(),
                to.minus(rebuildWindow), true, to, false, false, 0, REBUILD_LIMIT));
        synchronized (watch) {
            for (ObservationRecord reading : earlier) {
                if (!batch.contains(reading.id())) {
                    watch.accept(reading);
                }
            }
        }
    }

    /** The patient's overrides changed: their watch (if any) applies the stored ones from the next reading. */
    void overridesChanged(String patientId) {
        reconfigure(patientId);
    }

    /** A clinician chose the patient's NEWS2 SpO2 scale: their watch (if any) uses it from the next reading. */
    @TransactionalEventListener(fallbackExecution = true)
    void scaleChosen(News2ScaleChosen chosen) {
        reconfigure(chosen.patientId());
    }

    /** Re-reads the patient's scale and overrides into their watch (waiting for a watch being made meanwhile). */
    private void reconfigure(String patientId) {
        watches.computeIfPresent(patientId, (id, watch) -> {
            synchronized (watch) {
                watch.reconfigure(scales.scaleOf(id), overrideRules(id));
            }
            return watch;
        });
    }

    private PatientWatch watch(String patientId) {
        return new PatientWatch(patientId, rules, scales.scaleOf(patientId), overrideRules(patientId));
    }

    private List<LimitRule> overrideRules(String patientId) {
        return overrides.forPatient(patientId).stream().map(LimitOverride::rule).toList();
    }
}
