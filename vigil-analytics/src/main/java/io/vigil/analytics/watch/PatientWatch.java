package io.vigil.analytics.watch;

import io.vigil.analytics.alert.ConditionEvent;
import io.vigil.analytics.glucose.PredictedLowMonitor;
import io.vigil.analytics.limit.HighSaturationOnOxygen;
import io.vigil.analytics.limit.LimitEvent;
import io.vigil.analytics.limit.LimitMonitor;
import io.vigil.analytics.limit.LimitRule;
import io.vigil.analytics.limit.LimitRules;
import io.vigil.analytics.news2.SpO2Scale;
import io.vigil.analytics.technical.TechnicalMonitor;
import io.vigil.analytics.trend.TrendMonitor;
import io.vigil.model.MeasuredValue;
import io.vigil.model.ObservationRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Every per-reading rule of one patient: limits (the adult defaults for the patient's NEWS2 SpO2 scale with the
 * patient's overrides), {@code spo2-high-on-oxygen} on scale 2, technical conditions, trends and the CGM
 * predicted low. One reading in, the condition events it causes out. Not thread-safe: one per patient, fed by
 * one thread. Not for clinical use.
 */
public final class PatientWatch {
    private final String patient;
    private LimitMonitor limits;
    private SpO2Scale scale;
    private List<LimitRule> overrides;
    private final HighSaturationOnOxygen highOnOxygen;
    private final TechnicalMonitor technical;
    private final TrendMonitor trends;
    private final PredictedLowMonitor predictedLow;

    public PatientWatch(String patient, WatchRules rules, SpO2Scale scale, List<LimitRule> overrides) {
        this.patient = patient;
        this.scale = scale;
        this.overrides = List.copyOf(overrides);
        this.limits = new LimitMonitor(patient, LimitRules.adultDefaults(scale).overriddenBy(this.overrides));
        this.highOnOxygen = new HighSaturationOnOxygen(patient, rules.oxygenFreshness());
        this.technical = new TechnicalMonitor(patient, rules.technical());
        this.trends = new TrendMonitor(patient, rules.trends());
        this.predictedLow = new PredictedLowMonitor(patient, rules.predictedLow());
    }

    public String patient() {
        return patient;
    }

    /** The limits in force: the defaults for the scale, overridden. */
    public LimitRules limits() {
        return limits.rules();
    }

    /** New overrides or another scale, from the next reading on (raised conditions stay raised). */
    public void reconfigure(SpO2Scale newScale, List<LimitRule> newOverrides) {
        if (newScale == scale && newOverrides.equals(overrides)) {
            return;
        }
        scale = newScale;
        overrides = List.copyOf(newOverrides);
        limits = limits.withRules(LimitRules.adultDefaults(scale).overriddenBy(overrides));
    }

    /** The condition events one stored reading causes. */
    public List<ConditionEvent> accept(ObservationRecord observation) {
        List<ConditionEvent> events = new ArrayList<>(2);
        for (LimitEvent event : limits.accept(observation.measurement())) {
            events.add(event.condition());
        }
        events.addAll(technical.accept(observation));
        String alias = observation.measurement().type().alias();
        Instant time = observation.measurement().time();
        if (observation.measurement().value() instanceof MeasuredValue.Quantity q) {
            double value = q.value();
            switch (alias) {
                case "spo2" -> highOnOxygen.spo2(value, time, scale == SpO2Scale.SCALE_2).ifPresent(events::add);
                case "supplemental-oxygen" -> highOnOxygen.oxygen(value > 0, time);
                case "inspired-oxygen" -> highOnOxygen.oxygen(value > 21, time);
                case "cgm-glucose" -> predictedLow.accept(value, time).ifPresent(events::add);
                default -> { }
            }
            if (trends.watches(alias)) {
                events.addAll(trends.accept(alias, value, time));
            }
        }
        return events;
    }
}
