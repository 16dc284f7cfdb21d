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
 * @param format     what the payload is (device JSON unless the topic or path says otherwise)
 */
public record IngestRequest(String deviceId, Transport transport, String topic, byte[] payload, Instant receivedAt,
                            PayloadFormat format) {

    public IngestRequest(String deviceId, Transport transport, String topic, byte[] payload, Instant receivedAt) {
        this(deviceId, transport, topic, payload, receivedAt, PayloadFormat.DEVICE_JSON);
    }
}
