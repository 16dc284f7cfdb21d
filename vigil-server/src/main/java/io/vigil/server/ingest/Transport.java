package io.vigil.server.ingest;

/** How a payload reached Vigil. */
public enum Transport {
    MQTT, HTTP,
    /** HL7 v2 messages, over MLLP or POST /api/v1/hl7 (the topic says which). */
    HL7,
    /** Readings an edge gateway stored and forwarded ({@code vigil edge}); the topic names the gateway. */
    EDGE
}
