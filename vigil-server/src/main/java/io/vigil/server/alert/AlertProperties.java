package io.vigil.server.alert;

import io.vigil.analytics.alert.Escalation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The alert workflow's settings (prefix {@code vigil.alerts}), defaults in one place, checked at startup.
 * An escalation ladder is written {@code role:after,role:after,…} with {@code after} as {@code 0}, {@code 90s},
 * {@code 5m}, {@code 1h} or ISO-8601 ({@code PT5M}).
 *
 * @param longestSnooze     the longest a person may snooze an alert (re-announced when the snooze ends)
 * @param escalation        the escalation ladders: {@code defaults} for units without their own, {@code units.<unit>}
 * @param ackReasons        the reasons offered when acknowledging (free text is accepted as well)
 * @param checkEvery        how often the scheduler looks for alerts due to escalate and snoozes that ended
 */
@ConfigurationProperties("vigil.alerts")
public record AlertProperties(
        @DefaultValue("30m") Duration longestSnooze,
        @DefaultValue EscalationLadders escalation,
        @DefaultValue({"Attending to patient", "Clinically assessed, no action needed", "Artefact or movement",
                "Sensor or lead problem", "Escalated to medical team"}) List<String> ackReasons,
        @DefaultValue("5s") Duration checkEvery) {

    /** {@code vigil.alerts.escalation.defaults} and {@code vigil.alerts.escalation.units.<unit>}. */
    public record EscalationLadders(@DefaultValue("bedside-nurse:0,charge-nurse:5m,rapid-response:10m") String defaults,
                                    Map<String, String> units) {
        public EscalationLadders {
            units = units == null ? Map.of() : Map.copyOf(units);
            ladder("vigil.alerts.escalation.defaults", defaults);
            units.forEach((unit, tiers) -> ladder("vigil.alerts.escalation.units." + unit, tiers));
        }
    }

    public AlertProperties {
        ackReasons = List.copyOf(ackReasons);
        if (longestSnooze.isNegative() || longestSnooze.isZero()) {
            throw new IllegalArgumentException("vigil.alerts.longest-snooze must be positive");
        }
        if (checkEvery.isNegative() || checkEvery.isZero()) {
            throw new IllegalArgumentException("vigil.alerts.check-every must be positive");
        }
    }

    /** The escalation ladder of a care unit (the default for a unit without its own, or no unit). */
    public Escalation escalationOf(String unit) {
        String tiers = unit == null ? null : escalation.units().get(unit);
        return tiers == null ? ladder("vigil.alerts.escalation.defaults", escalation.defaults())
                : ladder("vigil.alerts.escalation.units." + unit, tiers);
    }

    static Escalation ladder(String key, String text) {
        List<Escalation.Tier> tiers = new ArrayList<>();
        try {
            for (String tier : text.split(",")) {
                String[] parts = tier.strip().split(":");
                if (parts.length != 2 || parts[0].isBlank()) {
                    throw new IllegalArgumentException("each tier is role:after");
                }
                tiers.add(new Escalation.Tier(parts[0].strip(), duration(parts[1].strip())));
            }
            return new Escalation(tiers);
        } catch (IllegalArgumentException | java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(key + " is not a ladder like bedside-nurse:0,charge-nurse:5m ("
                    + e.getMessage() + ")", e);
        }
    }

    private static Duration duration(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        if (t.startsWith("pt") || t.startsWith("p")) {
            return Duration.parse(text.toUpperCase(Locale.ROOT));
        }
        if (t.equals("0")) {
            return Duration.ZERO;
        }
        long amount = Long.parseLong(t.substring(0, t.length() - 1));
        return switch (t.charAt(t.length() - 1)) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            default -> throw new IllegalArgumentException("after is 0, Ns, Nm, Nh or ISO-8601");
        };
    }
}
