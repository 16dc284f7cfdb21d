package io.vigil.server.rule;

import io.vigil.analytics.alert.ConditionEvent;
import io.vigil.analytics.limit.LimitRule;
import io.vigil.analytics.watch.PatientWatch;
import io.vigil.analytics.watch.WatchRules;
import io.vigil.model.ObservationRecord;
import io.vigil.server.alert.AlertConditions;
import io.vigil.server.clinical.News2ScaleStore;
import io.vigil.server.observation.ObservationEvents;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Runs every stored reading attributed to a patient through that patient's {@link PatientWatch} — limits (with
 * the patient's overrides and NEWS2 SpO2 scale), technical conditions, trends, the CGM predicted low — and reports
 * each condition event to {@link AlertConditions}. Readings arrive after commit, in commit order, on the
 * observation dispatch thread. An override set over REST takes effect from the patient's next reading; a scale
 * chosen over REST within {@code vigil.rules.scale-refresh}. The watches live in memory: after a restart they
 * start fresh, so a condition still true raises again — and, its alert being still open, updates that alert.
 * Unattributed readings (a device not assigned to anyone) raise nothing.
 */
@Component
class RuleWatch extends ReadingSubscriber {
    private final AlertConditions conditions;
    private final LimitOverrideStore overrides;
    private final News2ScaleStore scales;
    private final Clock clock;
    private final WatchRules rules;
    private final Duration scaleRefresh;
    private final Map<String, Watched> watches = new ConcurrentHashMap<>();

    /** A patient's watch and when their scale was last read. Guarded by itself. */
    private static final class Watched {
        private final PatientWatch watch;
        private Instant scaleReadAt;

        Watched(PatientWatch watch, Instant scaleReadAt) {
            this.watch = watch;
            this.scaleReadAt = scaleReadAt;
        }
    }

    RuleWatch(ObservationEvents events, AlertConditions conditions, LimitOverrideStore overrides, News2ScaleStore scales,
              Clock clock, RuleProperties properties) {
        super(events);
        this.conditions = conditions;
        this.overrides = overrides;
        this.scales = scales;
        this.clock = clock;
        this.rules = properties.watchRules();
        this.scaleRefresh = properties.scaleRefresh();
    }

    @Override
    void onStored(List<ObservationRecord> stored) {
        for (ObservationRecord observation : stored) {
            if (observation.patientId() == null) {
                continue;
            }
            Watched watched = watches.computeIfAbsent(observation.patientId(), this::watch);
            List<ConditionEvent> raised;
            synchronized (watched) {
                Instant now = clock.instant();
                if (Duration.between(watched.scaleReadAt, now).compareTo(scaleRefresh) >= 0) {
                    watched.scaleReadAt = now;
                    watched.watch.reconfigure(scales.scaleOf(observation.patientId()), overrideRules(observation.patientId()));
                }
                raised = watched.watch.accept(observation);
            }
            raised.forEach(conditions::report);
        }
    }

    /** The patient's overrides changed: their watch (if any) applies the stored ones from the next reading. */
    void overridesChanged(String patientId) {
        Watched watched = watches.get(patientId);
        if (watched != null) {
            synchronized (watched) {
                watched.scaleReadAt = clock.instant();
                watched.watch.reconfigure(scales.scaleOf(patientId), overrideRules(patientId));
            }
        }
    }

    private Watched watch(String patientId) {
        return new Watched(new PatientWatch(patientId, rules, scales.scaleOf(patientId), overrideRules(patientId)),
                clock.instant());
    }

    private List<LimitRule> overrideRules(String patientId) {
        return overrides.forPatient(patientId).stream().map(LimitOverride::rule).toList();
    }
}
