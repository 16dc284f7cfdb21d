package io.vigil.server.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3SubAckException;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAckReturnCode;
import io.vigil.server.BedsideContract;
import io.vigil.server.Databases;
import io.vigil.server.MqttDevice;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Topic permissions in the broker, with real MQTT 5 and 3.1.1 clients: a device publishes only under its own
 * {@code vigil/v1/devices/{id}/} and subscribes only to its own errors and commands; every refusal is audited with
 * the device as actor and the topic as resource, never the payload.
 */
class DeviceTopicPermissionsIT extends BedsideContract {
    private static final String SECRET_LOOKING_PAYLOAD = "{\"values\": {\"spo2\": 93}, \"marker\": \"payload-never-audited\"}";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        Databases.h2(registry);
    }

    @Autowired
    EmbeddedBroker broker;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void mqtt5_publishOutsideItsOwnTopics_isRefused0x87_disconnected_deadLettered_andAudited() {
        List<String> foreign = List.of("vigil/v1/devices/someone-else/measurements", "vigil/v1/devices/" + deviceId,
                "hospital/pharmacy/orders", "vigil/v1/readers/r-1/reads");
        for (String topic : foreign) {
            try (MqttDevice device = MqttDevice.connect(broker.port(), deviceId, secret)) {
                MqttDevice.PubAck ack = device.publish(topic, SECRET_LOOKING_PAYLOAD);
                assertThat(ack.code()).as(topic).isEqualTo(0x87);
                assertThat(ack.reason()).startsWith("VIGIL-1102");
                Awaitility.await("then DISCONNECT 0x87").atMost(Duration.ofSeconds(10)).until(() -> !device.connected());
            }
        }
        try (MqttDevice device = MqttDevice.connect(broker.port(), deviceId, secret)) {
            assertThat(device.publishMeasurements("{\"values\": {\"spo2\": 97}}").success()).as("its own topic").isTrue();
        }
        List<JsonNode> denied = audit("mqtt.publish.denied");
        assertThat(denied).extracting(e -> e.get("resourceId").asText()).containsExactlyInAnyOrderElementsOf(foreign);
        assertThat(denied).allSatisfy(e -> {
            assertThat(e.get("role").asText()).isEqualTo("device");
            assertThat(e.get("resourceType").asText()).isEqualTo("topic");
            assertThat(e.get("outcome").asText()).isEqualTo("denied");
            assertThat(e.get("clientAddress").asText()).isEqualTo("127.0.0.1");
        });
        assertThat(ward.admin().get("/api/v1/audit?limit=1000").body()).doesNotContain("payload-never-audited");
        assertThat(ward.admin().get("/api/v1/dead-letters?device=" + deviceId).json())
                .filteredOn(l -> "VIGIL-1102".equals(l.get("code").asText())).hasSize(foreign.size());
    }

    @Test
    void mqtt5_validReadingOnAnotherRegisteredDevicesTopic_isRefused_andNeverStoredAsThatDevicesReading() {
        String other = "mon-other-" + deviceId;
        ward.device(other, "vital-signs-monitor");
        try (MqttDevice device = MqttDevice.connect(broker.port(), deviceId, secret)) {
            MqttDevice.PubAck ack = device.publish("vigil/v1/devices/" + other + "/measurements", "{\"values\": {\"spo2\": 97}}");
            assertThat(ack.code()).isEqualTo(0x87);
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM observation WHERE device_id = ?", Integer.class, other)).isZero();
        assertThat(audit("mqtt.publish.denied")).hasSize(1);
    }

    @Test
    void mqtt5_subscribe_onlyToItsOwnErrorsAndCommands_everythingElseRefused0x87_andAudited() {
        String own = "vigil/v1/devices/" + deviceId + "/";
        List<String> refused = List.of("vigil/v1/devices/someone-else/errors", "vigil/v1/devices/+/errors", "#",
                own + "measurements", own + "#", "vigil/v1/devices/someone-else/commands");
        try (MqttDevice device = MqttDevice.connect(broker.port(), deviceId, secret)) {
            assertThat(device.subscribe(own + "errors")).isEqualTo(0x01);
            assertThat(device.subscribe(own + "commands")).isEqualTo(0x01);
            for (String filter : refused) {
                assertThat(device.subscribe(filter)).as(filter).isEqualTo(0x87);
            }
            assertThat(device.connected()).isTrue();
        }
        assertThat(audit("mqtt.subscribe.denied")).extracting(e -> e.get("resourceId").asText())
                .containsExactlyInAnyOrderElementsOf(refused);
    }

    @Test
    void mqtt311_foreignSubscribeGetsFailure_foreignPublishClosesTheConnection_bothAudited() {
        Mqtt3BlockingClient client = MqttDevice.connect311(broker.port(), deviceId, secret);
        try {
            assertThat(subscribe(client, "vigil/v1/devices/someone-else/errors")).isEqualTo(Mqtt3SubAckReturnCode.FAILURE);
            assertThat(subscribe(client, "vigil/v1/devices/" + deviceId + "/errors"))
                    .isEqualTo(Mqtt3SubAckReturnCode.SUCCESS_MAXIMUM_QOS_1);
            client.publishWith().topic("vigil/v1/devices/someone-else/measurements").qos(MqttQos.AT_MOST_ONCE)
                    .payload(SECRET_LOOKING_PAYLOAD.getBytes(StandardCharsets.UTF_8)).send();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !client.getState().isConnected());
        } finally {
            if (client.getState().isConnected()) {
                client.disconnect();
            }
        }
        assertThat(audit("mqtt.subscribe.denied")).extracting(e -> e.get("resourceId").asText())
                .containsExactly("vigil/v1/devices/someone-else/errors");
        assertThat(audit("mqtt.publish.denied")).extracting(e -> e.get("resourceId").asText())
                .containsExactly("vigil/v1/devices/someone-else/measurements");
    }

    private static Mqtt3SubAckReturnCode subscribe(Mqtt3BlockingClient client, String filter) {
        try {
            return client.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).send().getReturnCodes().getFirst();
        } catch (Mqtt3SubAckException e) {
            return e.getMqttMessage().getReturnCodes().getFirst();
        }
    }

    private List<JsonNode> audit(String action) {
        return ward.admin().get("/api/v1/audit?limit=1000&actor=device:" + deviceId).where("action", action);
    }
}
