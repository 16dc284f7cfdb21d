package io.vigil.server.ingest;

import java.time.Instant;

/**
 * A refused payload, kept with why it was refused.
 *
 * @param payload the bytes as received, base64-encoded in JSON
 */
public record DeadLetter(String id, Instant receivedAt, String device, String transport, String topic, String code,
                         String reason, String field, byte[] payload) {}
