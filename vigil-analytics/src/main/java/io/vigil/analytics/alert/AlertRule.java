package io.vigil.analytics.alert;

import java.util.Objects;

/**
 * The identity of a rule whose condition can raise an alert — a limit, a trend, NEWS2, a rhythm, a
 * no-data watch — as the alert workflow needs it.
 *
 * @param id          stable name, unique per patient (e.g. {@code heart-rate-high}, {@code news2-high})
 * @param measurement registry alias (or other short name) of what the rule watches
 */
public record AlertRule(String id, String measurement, AlertPriority priority, AlertCategory category) {

    public AlertRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(measurement, "measurement");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(category, "category");
    }
}
