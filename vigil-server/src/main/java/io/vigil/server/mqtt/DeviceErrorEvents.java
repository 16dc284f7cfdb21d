package io.vigil.server.mqtt;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hivemq.extension.sdk.api.packets.general.Qos;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import io.vigil.server.ingest.IngestResult;
import java.nio.ByteBuffer;

/** Tells a device why its message was refused, on {@code vigil/v1/devices/{id}/errors}. */
final class DeviceErrorEvents {
    private static final ObjectMapper JSON = new ObjectMapper();

    void publish(String topic, IngestResult.Rejected rejected) {
        DeviceTopics.parse(topic).ifPresent(device -> {
            ObjectNode event = JSON.createObjectNode()
                    .put("code", rejected.code())
                    .put("reason", rejected.reason())
                    .put("topic", topic);
            if (rejected.field() != null) {
                event.put("field", rejected.field());
            }
            Services.publishService().publish(Builders.publish()
                    .topic(DeviceTopics.errors(device.deviceId()))
                    .qos(Qos.AT_LEAST_ONCE)
                    .contentType("application/json")
                    .payload(ByteBuffer.wrap(event.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                    .build());
        });
    }
}
