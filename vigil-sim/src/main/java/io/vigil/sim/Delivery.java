package io.vigil.sim;

/** What became of one publish. */
sealed interface Delivery {

    Delivery ACCEPTED = new Accepted();

    /** Acknowledged as stored (MQTT PUBACK success, including 0x10 no matching subscribers; HTTP 2xx). */
    record Accepted() implements Delivery {}

    /** Refused by Vigil; sending it again would not help. */
    record Refused(String reason) implements Delivery {}

    /** No answer: the connection was lost or the server failed; the same message should be sent again. */
    record Lost(String cause) implements Delivery {}
}
