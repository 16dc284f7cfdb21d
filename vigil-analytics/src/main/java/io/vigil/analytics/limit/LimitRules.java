package io.vigil.analytics.limit;

import io.vigil.analytics.alert.AlertPriority;
import io.vigil.analytics.limit.LimitRule.Direction;
import io.vigil.analytics.news2.SpO2Scale;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A patient's limits: the adult defaults, with any per-patient overrides in place of the rule of the same id.
 * Not for clinical use.
 */
public record LimitRules(List<LimitRule> rules) {

    public LimitRules {
        rules = List.copyOf(rules);
    }

    /**
     * Default adult limits at the edges of NEWS2 Chart 1's extreme bands (Royal College of Physicians 2017):
     * a reading that alone scores 3 — or, for fever, the chart's highest temperature band (scores 2) — raises.
     * Priorities: high for every score-3 band, medium for fever. Hysteresis margins are this project's choice.
     */
    public static LimitRules adultDefaults() {
        return new LimitRules(List.of(
                rule("heart-rate-low", "heart-rate", Direction.LOW, 40, 5, AlertPriority.HIGH),
                rule("heart-rate-high", "heart-rate", Direction.HIGH, 131, 5, AlertPriority.HIGH),
                rule("respiratory-rate-low", "respiratory-rate", Direction.LOW, 8, 2, AlertPriority.HIGH),
                rule("respiratory-rate-high", "respiratory-rate", Direction.HIGH, 25, 2, AlertPriority.HIGH),
                rule("spo2-low", "spo2", Direction.LOW, 91, 2, AlertPriority.HIGH),
                rule("systolic-bp-low", "systolic-bp", Direction.LOW, 90, 5, AlertPriority.HIGH),
                rule("systolic-bp-high", "systolic-bp", Direction.HIGH, 220, 10, AlertPriority.HIGH),
                rule("body-temperature-low", "body-temperature", Direction.LOW, 35.0, 0.3, AlertPriority.HIGH),
                rule("body-temperature-high", "body-temperature", Direction.HIGH, 39.1, 0.3, AlertPriority.MEDIUM)));
    }

    /**
     * The adult defaults for a patient on this NEWS2 SpO2 scale. On scale 2 (hypercapnic respiratory failure,
     * prescribed target 88–92 %) {@code spo2-low} follows the scale 2 chart: it raises at ≤ 83 %, the band that
     * scores 3 on scale 2, and clears at ≥ 85 %; a saturation of 84–92 % is no limit breach on scale 2.
     */
    public static LimitRules adultDefaults(SpO2Scale scale) {
        LimitRules defaults = adultDefaults();
        if (scale == SpO2Scale.SCALE_1) {
            return defaults;
        }
        return defaults.overriddenBy(List.of(rule("spo2-low", "spo2", Direction.LOW, 83, 2, AlertPriority.HIGH)));
    }

    /** The rule with this id, if any. */
    public Optional<LimitRule> rule(String id) {
        return rules.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /** These rules with each override replacing the rule of the same id (or added, for a new id). */
    public LimitRules overriddenBy(List<LimitRule> overrides) {
        Map<String, LimitRule> byId = new LinkedHashMap<>();
        rules.forEach(r -> byId.put(r.id(), r));
        overrides.forEach(r -> byId.put(r.id(), r));
        return new LimitRules(new ArrayList<>(byId.values()));
    }

    private static LimitRule rule(String id, String measurement, Direction direction, double threshold,
                                  double hysteresis, AlertPriority priority) {
        return new LimitRule(id, measurement, direction, threshold, hysteresis, Duration.ZERO, priority);
    }
}
