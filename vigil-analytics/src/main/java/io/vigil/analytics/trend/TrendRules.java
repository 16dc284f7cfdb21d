package io.vigil.analytics.trend;

import io.vigil.analytics.alert.AlertPriority;
import java.time.Duration;
import java.util.List;

/**
 * A patient's trend rules. Not for clinical use.
 *
 * @param rules the rules, each with a unique id
 */
public record TrendRules(List<TrendRule> rules) {

    public TrendRules {
        rules = List.copyOf(rules);
        if (rules.stream().map(TrendRule::id).distinct().count() != rules.size()) {
            throw new IllegalArgumentException("trend rule ids are unique");
        }
    }

    /**
     * The defaults: heart-failure weight gain of more than 1 kg in a day or more than 2 kg in three days (the
     * self-monitoring advice of the ESC heart-failure guidelines and NICE NG106: report a sudden gain of more than
     * 2 kg in 3 days; 1 kg overnight is the common shorter rule), with the day read as 26 h and three days as 74 h
     * so a daily weighing at a slightly different time still compares with the previous one; a respiratory rate
     * rising by 4 /min or more per hour and an SpO2 falling by 3 % or more per hour, each over a one-hour window
     * with at least 4 readings (this project's choices: no standard gives slope thresholds).
     */
    public static TrendRules defaults() {
        return of(1.0, Duration.ofHours(26), 2.0, Duration.ofHours(74), 4, 3, Duration.ofHours(1));
    }

    /**
     * The four rules with these figures (medium priority). Weight gains clear at half a kilogram below the gain
     * (at most half the gain); slopes clear at a quarter (respiratory rate) or a third (SpO2) of their slope; a
     * slope needs at least 4 readings.
     *
     * @param spo2FallPerHour the fall as a positive number of % per hour
     */
    public static TrendRules of(double dayKg, Duration dayWindow, double threeDayKg, Duration threeDayWindow,
                                double respiratoryRateRisePerHour, double spo2FallPerHour, Duration slopeWindow) {
        return new TrendRules(List.of(
                new TrendRule.Gain("weight-gain-1d", "body-weight", dayKg, Math.min(0.5, dayKg / 2), dayWindow,
                        AlertPriority.MEDIUM),
                new TrendRule.Gain("weight-gain-3d", "body-weight", threeDayKg, Math.min(0.5, threeDayKg / 2),
                        threeDayWindow, AlertPriority.MEDIUM),
                new TrendRule.Slope("respiratory-rate-rising", "respiratory-rate", respiratoryRateRisePerHour,
                        respiratoryRateRisePerHour / 4, slopeWindow, 4, AlertPriority.MEDIUM),
                new TrendRule.Slope("spo2-falling", "spo2", -spo2FallPerHour, -spo2FallPerHour / 3, slopeWindow, 4,
                        AlertPriority.MEDIUM)));
    }
}
