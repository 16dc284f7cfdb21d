package io.vigil.server.medication;

import io.vigil.analytics.alert.AlertCategory;
import io.vigil.analytics.alert.AlertPriority;
import io.vigil.analytics.alert.AlertRule;

/**
 * The alert rules of medication dispensers. Missed and late doses are about the patient's treatment, not the
 * equipment: physiological (IEC 60601-1-8's only other category), so they reach the caregivers and clinicians who
 * follow the patient like any condition of the patient. A jam, low stock, tampering or a door opened outside a dose's
 * window are about the dispenser: technical.
 */
final class MedicationAlerts {
    static final AlertRule DOSE_MISSED = new AlertRule("medication-dose-missed", "medication", AlertPriority.MEDIUM,
            AlertCategory.PHYSIOLOGICAL);
    static final AlertRule DOSE_LATE = new AlertRule("medication-dose-late", "medication", AlertPriority.LOW,
            AlertCategory.PHYSIOLOGICAL);
    static final AlertRule JAM = new AlertRule("dispenser-jam", "dispenser", AlertPriority.MEDIUM, AlertCategory.TECHNICAL);
    static final AlertRule LOW_STOCK = new AlertRule("dispenser-low-stock", "dispenser", AlertPriority.LOW,
            AlertCategory.TECHNICAL);
    static final AlertRule TAMPER = new AlertRule("dispenser-tamper", "dispenser", AlertPriority.MEDIUM,
            AlertCategory.TECHNICAL);
    static final AlertRule DOOR_OPENED = new AlertRule("dispenser-door-opened", "dispenser", AlertPriority.LOW,
            AlertCategory.TECHNICAL);

    private MedicationAlerts() {
    }
}
