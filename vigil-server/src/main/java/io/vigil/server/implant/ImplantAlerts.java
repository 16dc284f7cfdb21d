package io.vigil.server.implant;

import io.vigil.analytics.alert.AlertCategory;
import io.vigil.analytics.alert.AlertPriority;
import io.vigil.analytics.alert.AlertRule;
import io.vigil.analytics.alert.ConditionEvent;
import io.vigil.server.alert.AlertConditions;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * What an interrogation report says to the alert workflow (not for clinical use), one rule each:
 * <ul>
 *   <li>{@code implant-battery-eri} (medium, technical): the battery has reached its elective replacement indicator
 *       (or end of life); cleared by a later report that has not (a replaced device);</li>
 *   <li>{@code implant-lead-impedance} (high, technical): a lead outside {@code vigil.implants.lead-impedance-low…high}
 *       ohms, the value being the worst lead's; cleared when every lead is back in range;</li>
 *   <li>{@code implant-shock} (high, physiological): shocks were delivered since the last interrogation (value: how
 *       many); a clinician resolves it;</li>
 *   <li>{@code implant-af-burden} (medium, physiological): AF burden at or above {@code vigil.implants.af-burden-percent};
 *       cleared when a later report is below it.</li>
 * </ul>
 */
@Component
class ImplantAlerts {
    static final AlertRule BATTERY = new AlertRule("implant-battery-eri", "implant-battery", AlertPriority.MEDIUM,
            AlertCategory.TECHNICAL);
    static final AlertRule LEAD = new AlertRule("implant-lead-impedance", "implant-lead-impedance", AlertPriority.HIGH,
            AlertCategory.TECHNICAL);
    static final AlertRule SHOCK = new AlertRule("implant-shock", "implant-shocks", AlertPriority.HIGH,
            AlertCategory.PHYSIOLOGICAL);
    static final AlertRule AF_BURDEN = new AlertRule("implant-af-burden", "af-burden", AlertPriority.MEDIUM,
            AlertCategory.PHYSIOLOGICAL);

    private final AlertConditions conditions;
    private final ImplantProperties settings;

    ImplantAlerts(AlertConditions conditions, ImplantProperties settings) {
        this.conditions = conditions;
        this.settings = settings;
    }

    void judge(String patient, ImplantReport r) {
        Instant at = r.interrogatedAt();
        if (r.battery() != null) {
            double voltage = r.battery().voltage() == null ? 0 : r.battery().voltage();
            conditions.report(r.atReplacement() ? new ConditionEvent.Raised(BATTERY, patient, voltage, at)
                    : new ConditionEvent.Cleared(BATTERY, patient, voltage, at));
        }
        Optional<ImplantReport.Lead> worst = r.leads().stream()
                .max(Comparator.comparingDouble(l -> distanceOutside(l.impedance())));
        worst.ifPresent(lead -> conditions.report(settings.impedanceOutOfRange(lead.impedance())
                ? new ConditionEvent.Raised(LEAD, patient, lead.impedance(), at)
                : new ConditionEvent.Cleared(LEAD, patient, lead.impedance(), at)));
        if (r.shocks() > 0) {
            conditions.report(new ConditionEvent.Raised(SHOCK, patient, r.shocks(), at));
        }
        if (r.afBurdenPercent() != null) {
            double burden = r.afBurdenPercent();
            conditions.report(burden >= settings.afBurdenPercent() ? new ConditionEvent.Raised(AF_BURDEN, patient, burden, at)
                    : new ConditionEvent.Cleared(AF_BURDEN, patient, burden, at));
        }
    }

    /** How far (ohms) an impedance is outside the range; negative inside it. */
    private double distanceOutside(double ohms) {
        return Math.max(settings.leadImpedanceLow() - ohms, ohms - settings.leadImpedanceHigh());
    }
}
