package io.vigil.sim;

/** What became of one publish. */
sealed interface Delivery {

    Delivery ACCEPTED = new Accepted();

    /** Acknowledged as stored (MQTT PUBACK success, including 0x10 no matching subscribers; HTTP 2xx). */
    record Accepted() implements Delivery {}

    /** Refused by Vigil; sending it again would not help. */
    record Refused(String reason) implements Delivery {}

    /**
     * Vigil is saturated or the device is over its rate (HTTP 429, PUBACK 0x97 quota exceeded): nothing was stored;
     * the same message is sent again after {@code retryAfterMillis}.
     */
    record Throttled(String reason, long retryAfterMillis) implements Delivery {}

    /** No answer: the connection was lost or the server failed; the same message should be sent again. */
    record Lost(String cause) implements Delivery {}
}
