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
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
 * open, updates that alert. Unattributed readings (a device not assigned to anyone) raise nothing.
 */
@Component
class RuleWatch extends ReadingSubscriber {
    private final ConditionLanes conditions;
    private final LimitOverrideStore overrides;
    private final News2ScaleStore scales;
    private final WatchRules rules;
    /** Each patient's watch; guarded by the watch itself. */
    private final Map<String, PatientWatch> watches = new ConcurrentHashMap<>();

    RuleWatch(ObservationEvents events, ConditionLanes conditions, LimitOverrideStore overrides, News2ScaleStore scales,
              RuleProperties properties) {
        super(events);
        this.conditions = conditions;
        this.overrides = overrides;
        this.scales = scales;
        this.rules = properties.watchRules();
    }

    @Override
    void onStored(List<ObservationRecord> stored) {
        for (ObservationRecord observation : stored) {
            if (observation.patientId() == null) {
                continue;
            }
            PatientWatch watch = watches.computeIfAbsent(observation.patientId(), this::watch);
            List<ConditionEvent> raised;
            synchronized (watch) {
                raised = watch.accept(observation);
            }
            raised.forEach(conditions::submit);
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
