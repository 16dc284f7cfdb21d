package io.vigil.server.rule;

import io.vigil.analytics.limit.LimitRule;
import io.vigil.analytics.limit.LimitRules;
import io.vigil.analytics.news2.SpO2Scale;
import io.vigil.server.clinical.News2ScaleStore;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Each patient's limits in force — the adult defaults for their NEWS2 SpO2 scale, with a clinician's overrides in
 * place — and the changes to them, which the running {@link RuleWatch} applies from the patient's next reading.
 * Callers check who may see the patient first. Not for clinical use.
 */
@Service
public class PatientLimits {
    private static final Logger log = LoggerFactory.getLogger(PatientLimits.class);
    private static final LimitRules ADULT = LimitRules.adultDefaults();

    private final LimitOverrideStore overrides;
    private final News2ScaleStore scales;
    private final RuleWatch watch;
    private final Clock clock;

    PatientLimits(LimitOverrideStore overrides, News2ScaleStore scales, RuleWatch watch, Clock clock) {
        this.overrides = overrides;
        this.scales = scales;
        this.watch = watch;
        this.clock = clock;
    }

    /** The default rule with this id, if there is one (only those can be overridden). */
    public static Optional<LimitRule> defaultRule(String ruleId) {
        return ADULT.rule(ruleId);
    }

    /** The limits in force for the patient, in the defaults' order. */
    public List<EffectiveLimit> of(String patientId) {
        return inForce(patientId, overrides.forPatient(patientId));
    }

    /** Only the overrides of these patients, as limits in force (what is FHIR-visible as a Goal). */
    public List<EffectiveLimit> overridesOf(List<String> patientIds) {
        return overrides.forPatients(patientIds).stream()
                .map(o -> new EffectiveLimit(o.patientId(), o.rule(), EffectiveLimit.Source.OVERRIDE, o.setBy(), o.setAt()))
                .toList();
    }

    /** Sets (or replaces) the patient's override of the rule with the same id. */
    public EffectiveLimit override(String patientId, LimitRule rule, String clinician) {
        LimitOverride override = new LimitOverride(patientId, rule, clinician,
                clock.instant().truncatedTo(ChronoUnit.MILLIS));
        overrides.put(override);
        watch.overridesChanged(patientId);
        log.info("event=limit.override.set patient={} rule={} priority={}", patientId, rule.id(), rule.priority().code());
        return new EffectiveLimit(patientId, rule, EffectiveLimit.Source.OVERRIDE, clinician, override.setAt());
    }

    /** Back to the default: removes the override, if any; whether there was one. */
    public boolean reset(String patientId, String ruleId) {
        boolean removed = overrides.delete(patientId, ruleId);
        watch.overridesChanged(patientId);
        log.info("event=limit.override.removed patient={} rule={} existed={}", patientId, ruleId, removed);
        return removed;
    }

    private List<EffectiveLimit> inForce(String patientId, List<LimitOverride> stored) {
        SpO2Scale scale = scales.scaleOf(patientId);
        Map<String, LimitOverride> byRule = stored.stream()
                .collect(Collectors.toMap(o -> o.rule().id(), Function.identity()));
        List<EffectiveLimit> limits = new ArrayList<>();
        for (LimitRule rule : LimitRules.adultDefaults(scale).rules()) {
            LimitOverride override = byRule.get(rule.id());
            if (override != null) {
                limits.add(new EffectiveLimit(patientId, override.rule(), EffectiveLimit.Source.OVERRIDE,
                        override.setBy(), override.setAt()));
            } else {
                boolean scaled = !rule.equals(ADULT.rule(rule.id()).orElse(null));
                limits.add(new EffectiveLimit(patientId, rule,
                        scaled ? EffectiveLimit.Source.SCALE_2 : EffectiveLimit.Source.DEFAULT, null, null));
            }
        }
        return limits;
    }
}
