package io.vigil.server.delivery;

import io.vigil.analytics.alert.AlertPriority;
import io.vigil.server.alert.AlertView;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Where alert changes go: a URL (or, for an alert-only subscription without one, only the owner's event stream),
 * for which alerts (one patient or all the owner may see; a lowest priority; which changes), signed with its secret.
 *
 * @param owner   the account whose patient scope decides which alerts are delivered
 * @param payload {@code vigil} (the alert message JSON), {@code fhir-flag} (the alert as a FHIR Flag) or
 *                {@code empty} (a FHIR rest-hook without payload: a ping)
 * @param headers extra request headers (FHIR {@code channel.header}), "Name: value"
 */
public record Webhook(String id, Kind kind, String owner, String url, String secret, String patient,
                      AlertPriority minPriority, Set<String> actions, String payload, List<String> headers,
                      String criteria, Instant createdAt, boolean active) {

    /** The changes delivered unless a webhook names others: the ones somebody has to act on. */
    public static final Set<String> DEFAULT_ACTIONS = Set.of(AlertView.Message.RAISED, AlertView.Message.ESCALATED,
            AlertView.Message.SNOOZE_ENDED, AlertView.Message.ACKNOWLEDGED, AlertView.Message.RESOLVED);

    public Webhook {
        actions = Set.copyOf(actions);
        headers = headers == null ? List.of() : List.copyOf(headers);
    }

    public enum Kind {
        WEBHOOK("webhook"), FHIR_SUBSCRIPTION("fhir-subscription"), ALERT_SUBSCRIPTION("alert-subscription");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        static Kind ofCode(String code) {
            for (Kind k : values()) {
                if (k.code.equals(code)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown webhook kind " + code);
        }
    }

    /** Whether this change of this alert is one to deliver (the owner's access is checked separately). */
    boolean selects(AlertView.Message message) {
        AlertView alert = message.alert();
        return active && actions.contains(message.action())
                && (patient == null || patient.equals(alert.patient()))
                && (minPriority == null || AlertPriority.ofCode(alert.priority()).orElseThrow().compareTo(minPriority) <= 0);
    }
}
