package io.vigil.server.ingest;

import java.time.Instant;

/**
 * One payload from an authenticated device.
 *
 * @param deviceId   the authenticated device
 * @param transport  how it arrived
 * @param topic      MQTT topic or HTTP path
 * @param payload    the raw bytes, untrusted
 * @param receivedAt when Vigil received it
 */
public record IngestRequest(String deviceId, Transport transport, String topic, byte[] payload, Instant receivedAt) {}
