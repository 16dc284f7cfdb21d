package io.vigil.server.audit;

import java.time.Instant;

/**
 * One access or change: who (user name, {@code device:<id>} or {@code system}) in which role did what to which
 * resource, for which patient (Vigil's patient id — never a name or MRN), with what outcome, from where.
 *
 * @param request  the method and path template plus the names of the query parameters, never their values
 * @param severity how much the event matters to a reviewer; null only for events stored before severities existed
 */
public record AuditEvent(Instant time, String actor, String role, String action, String resourceType,
                         String resourceId, String patientId, Outcome outcome, String clientAddress, String request,
                         Severity severity) {

    /** An event of the usual severity for its outcome: {@link Severity#of(Outcome)}. */
    public AuditEvent(Instant time, String actor, String role, String action, String resourceType, String resourceId,
                      String patientId, Outcome outcome, String clientAddress, String request) {
        this(time, actor, role, action, resourceType, resourceId, patientId, outcome, clientAddress, request,
                Severity.of(outcome));
    }

    /** The same event at another severity. */
    public AuditEvent withSeverity(Severity raised) {
        return new AuditEvent(time, actor, role, action, resourceType, resourceId, patientId, outcome, clientAddress,
                request, raised);
    }

    /**
     * A device that could not log in (MQTT CONNECT or HTTP ingest): {@code device.login.failed} for an unknown device
     * or a wrong secret, {@code device.login.revoked} for the right secret of a revoked device.
     */
    public static AuditEvent deviceRefused(Instant time, String deviceId, boolean revoked, String clientAddress,
                                           String request) {
        String id = deviceId == null ? "-" : deviceId.length() > 64 ? deviceId.substring(0, 64) : deviceId;
        return new AuditEvent(time, "device:" + id, "device", revoked ? "device.login.revoked" : "device.login.failed",
                "device", id, null, Outcome.DENIED, clientAddress, request);
    }

    /**
     * How much an event matters to a reviewer: {@code high} for break-glass access, {@code medium} for refusals
     * and changes to devices or configuration, {@code low} for ordinary reads and writes.
     */
    public enum Severity {
        LOW, MEDIUM, HIGH;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Severity of(String code) {
            return code == null ? null : valueOf(code.toUpperCase(java.util.Locale.ROOT));
        }

        /** Refusals are {@code medium}; everything else starts {@code low}. */
        public static Severity of(Outcome outcome) {
            return outcome == Outcome.DENIED ? MEDIUM : LOW;
        }
    }

    /** How the attempt ended. */
    public enum Outcome {
        SUCCESS, DENIED, ERROR;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Outcome of(String code) {
            return valueOf(code.toUpperCase(java.util.Locale.ROOT));
        }

        /** 2xx/3xx succeeded, 401/403 were refused, anything else failed. */
        public static Outcome ofStatus(int status) {
            if (status == 401 || status == 403) {
                return DENIED;
            }
            return status < 400 ? SUCCESS : ERROR;
        }
    }
}
