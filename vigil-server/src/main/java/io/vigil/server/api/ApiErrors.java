package io.vigil.server.api;

/**
 * Stable error codes of the server's own refusals (1100–1199: identity and access; 1200–1299: requests).
 * Device-payload codes (1000–1099) live in {@link io.vigil.codec.ErrorCode}.
 */
public final class ApiErrors {
    public static final String DEVICE_NOT_AUTHENTICATED = "VIGIL-1101";
    public static final String TOPIC_NOT_ALLOWED = "VIGIL-1102";
    public static final String DEVICE_REVOKED = "VIGIL-1103";
    public static final String INGEST_UNAVAILABLE = "VIGIL-1104";
    public static final String NOT_AUTHENTICATED = "VIGIL-1110";
    public static final String FORBIDDEN = "VIGIL-1111";
    public static final String INVALID_REQUEST = "VIGIL-1201";
    public static final String NOT_FOUND = "VIGIL-1202";
    public static final String CONFLICT = "VIGIL-1203";
    public static final String TOO_MANY_STREAMS = "VIGIL-1204";
    public static final String INTERNAL = "VIGIL-1299";
    /** Acknowledging an alert needs a reason. */
    public static final String ALERT_REASON_REQUIRED = "VIGIL-1220";
    /** The alert's state does not allow the change (e.g. acknowledging a resolved alert). */
    public static final String ALERT_TRANSITION_REFUSED = "VIGIL-1221";
    /** A shipped or folder mapping template cannot be changed or deleted through the API. */
    public static final String TEMPLATE_READ_ONLY = "VIGIL-1420";

    private ApiErrors() {
    }
}
