package io.vigil.analytics.ecg.rhythm;

import io.vigil.analytics.alert.AlertCategory;
import io.vigil.analytics.alert.AlertPriority;
import io.vigil.analytics.alert.AlertRule;

/** What the rhythm analysis watches for, each with the alert rule it reports under. Not for clinical use. */
public enum RhythmCondition {
    /** No QRS complex for {@link RhythmSettings#asystoleSeconds()}; value = seconds since the last beat. */
    ASYSTOLE(new AlertRule("ecg-asystole", "ecg", AlertPriority.HIGH, AlertCategory.PHYSIOLOGICAL)),
    /** Heart rate below {@link RhythmSettings#bradycardiaBelow()}; value = rate in /min. */
    BRADYCARDIA(new AlertRule("ecg-bradycardia", "heart-rate", AlertPriority.MEDIUM, AlertCategory.PHYSIOLOGICAL)),
    /** Heart rate above {@link RhythmSettings#tachycardiaAbove()}; value = rate in /min. */
    TACHYCARDIA(new AlertRule("ecg-tachycardia", "heart-rate", AlertPriority.MEDIUM, AlertCategory.PHYSIOLOGICAL)),
    /** Irregularly irregular RR intervals ({@link RrIrregularity}); value = normalised RMSSD. */
    ATRIAL_FIBRILLATION(new AlertRule("ecg-atrial-fibrillation", "ecg", AlertPriority.MEDIUM, AlertCategory.PHYSIOLOGICAL)),
    /** The device reports its electrodes off; value = 1. */
    LEADS_OFF(new AlertRule("ecg-leads-off", "ecg", AlertPriority.LOW, AlertCategory.TECHNICAL)),
    /** Too much high-frequency content to analyse ({@link NoiseGauge}); value = the noise ratio. */
    NOISE(new AlertRule("ecg-noise", "ecg", AlertPriority.LOW, AlertCategory.TECHNICAL));

    private final AlertRule rule;

    RhythmCondition(AlertRule rule) {
        this.rule = rule;
    }

    public AlertRule rule() {
        return rule;
    }
}
