package io.vigil.server.ingest;

import io.vigil.analytics.alert.AlertPriority;
import io.vigil.analytics.limit.LimitRule;
import io.vigil.analytics.limit.LimitRules;
import io.vigil.codec.DeviceMessage;
import io.vigil.model.MeasuredValue;
import io.vigil.model.Measurement;
import java.util.List;

/**
 * Which payloads take the priority lane when Vigil is saturated: those holding a value at or beyond one of the
 * high-priority adult default limits (the NEWS2 extreme bands: heart rate ≤ 40 or ≥ 131, SpO2 ≤ 91 …). Judged on
 * the decoded values alone, before the patient is known, so a patient's own overrides do not count here; they still
 * decide the alert once the reading is stored. Not for clinical use.
 */
final class UrgentReadings {
    private static final List<LimitRule> URGENT = LimitRules.adultDefaults().rules().stream()
            .filter(rule -> rule.priority() == AlertPriority.HIGH).toList();

    private UrgentReadings() {
    }

    static boolean in(List<DeviceMessage> messages) {
        for (DeviceMessage message : messages) {
            for (Measurement measurement : message.measurements()) {
                if (urgent(measurement)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean urgent(Measurement measurement) {
        return switch (measurement.value()) {
            case MeasuredValue.Quantity q -> breached(measurement.type().alias(), q.value());
            case MeasuredValue.Panel panel -> panel.components().stream()
                    .anyMatch(c -> breached(c.type().alias(), c.quantity().value()));
            case MeasuredValue.Coded coded -> false;
        };
    }

    private static boolean breached(String alias, double value) {
        for (LimitRule rule : URGENT) {
            if (rule.measurement().equals(alias) && rule.breachedBy(value)) {
                return true;
            }
        }
        return false;
    }
}
