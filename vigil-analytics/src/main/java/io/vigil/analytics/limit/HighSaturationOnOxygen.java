package io.vigil.analytics.limit;

import io.vigil.analytics.alert.AlertCategory;
import io.vigil.analytics.alert.AlertPriority;
import io.vigil.analytics.alert.AlertRule;
import io.vigil.analytics.alert.ConditionEvent;
import io.vigil.analytics.watch.ConditionLatch;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * NEWS2 scale 2's other extreme: on scale 2 an SpO2 of 97 % or more while on oxygen scores 3 (RCP 2017,
 * Chart 1) — over-oxygenation of a patient at risk of hypercapnia. Raises {@code spo2-high-on-oxygen} (high
 * priority) when such a reading arrives while the newest air-or-oxygen reading says oxygen and is no older than
 * {@code oxygenFreshness}; clears at ≤ 95 % or once the patient is known to be on air. Applies only while the
 * patient is on scale 2. Air or oxygen is read as NEWS2 reads it: {@code supplemental-oxygen} above 0 L/min or
 * {@code inspired-oxygen} above 21 %. Not for clinical use.
 */
public final class HighSaturationOnOxygen {
    public static final String RULE_ID = "spo2-high-on-oxygen";
    public static final AlertRule RULE = new AlertRule(RULE_ID, "spo2", AlertPriority.HIGH, AlertCategory.PHYSIOLOGICAL);
    public static final double THRESHOLD = 97;
    public static final double CLEAR_AT = 95;

    private final Duration oxygenFreshness;
    private final ConditionLatch latch;
    private Instant oxygenTime;
    private boolean onOxygen;
    private Instant lastSpo2;

    public HighSaturationOnOxygen(String patient, Duration oxygenFreshness) {
        this.oxygenFreshness = oxygenFreshness;
        this.latch = new ConditionLatch(RULE, patient);
    }

    /** An air-or-oxygen reading (only the newest counts). */
    public void oxygen(boolean oxygen, Instant time) {
        if (oxygenTime == null || !time.isBefore(oxygenTime)) {
            oxygenTime = time;
            onOxygen = oxygen;
        }
    }

    /** An SpO2 reading; {@code scale2} is whether the patient is on scale 2 now. */
    public Optional<ConditionEvent> spo2(double value, Instant time, boolean scale2) {
        if (lastSpo2 != null && time.isBefore(lastSpo2)) {
            return Optional.empty();
        }
        lastSpo2 = time;
        boolean knownOnOxygen = onOxygen && oxygenTime != null
                && Duration.between(oxygenTime, time).compareTo(oxygenFreshness) <= 0;
        if (scale2 && knownOnOxygen && value >= THRESHOLD) {
            return Optional.of(latch.holds(value, time));
        }
        if (!scale2 || !knownOnOxygen || value <= CLEAR_AT) {
            return Optional.ofNullable(latch.over(value, time));
        }
        return Optional.empty();
    }
}
