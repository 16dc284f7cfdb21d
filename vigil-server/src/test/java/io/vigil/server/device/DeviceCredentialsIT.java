package io.vigil.server.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import io.vigil.server.Databases;
import io.vigil.server.MqttDevice;
import io.vigil.server.VigilClient;
import io.vigil.server.WardFixture;
import io.vigil.server.mqtt.EmbeddedBroker;
import java.time.Duration;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Rotating and revoking device secrets: the old secret stops working and live connections are closed at once. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "vigil.mqtt.port=0", "vigil.demo.password=" + WardFixture.PASSWORD, "vigil.demo.enabled=false"})
class DeviceCredentialsIT {
    private static final String READING = "{\"values\": {\"heart-rate\": 72}}";
    private static final Duration DISCONNECT_WITHIN = Duration.ofSeconds(5);

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        Databases.h2(registry);
    }

    @LocalServerPort
    int httpPort;
    @Autowired
    EmbeddedBroker broker;

    WardFixture ward;
    String deviceId;
    String secret;

    @BeforeEach
    void registerDevice() {
        ward = new WardFixture(httpPort);
        deviceId = "mon-" + UUID.randomUUID().toString().substring(0, 8);
        secret = ward.device(deviceId, "vital-signs-monitor");
    }

    @Test
    void rotate_oldSecretRefusedAndConnectionClosed_newSecretWorks() {
        try (MqttDevice device = MqttDevice.connect(broker.port(), deviceId, secret)) {
            VigilClient.Response rotated = ward.admin().post("/api/v1/devices/" + deviceId + "/secret", "");
            assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
            assertThat(rotated.json().get("id").asText()).isEqualTo(deviceId);
            String newSecret = rotated.json().get("secret").asText();
            assertThat(newSecret).isNotEqualTo(secret);

            Awaitility.await().atMost(DISCONNECT_WITHIN).until(() -> !device.connected());
            VigilClient.Response old = ingest(secret);
            assertThat(old.status()).isEqualTo(401);
            assertThat(old.json().get("code").asText()).isEqualTo("VIGIL-1101");
            Mqtt5ConnAckException refused = assertThrows(Mqtt5ConnAckException.class,
                    () -> MqttDevice.connect(broker.port(), deviceId, secret));
            assertThat(refused.getMqttMessage().getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD);

            assertThat(ingest(newSecret).status()).isEqualTo(201);
            try (MqttDevice again = MqttDevice.connect(broker.port(), deviceId, newSecret)) {
                assertThat(again.publishMeasurements(READING).success()).isTrue();
            }
        }
    }

    @Test
    void revoke_connectionClosed_reconnectRefused_httpAnswersDeviceRevoked() {
        try (MqttDevice device = MqttDevice.connect(broker.port(), deviceId, secret)) {
            VigilClient.Response revoked = ward.admin().delete("/api/v1/devices/" + deviceId + "/secret");
            assertThat(revoked.status()).as(revoked.body()).isEqualTo(204);

            Awaitility.await().atMost(DISCONNECT_WITHIN).until(() -> !device.connected());
            Mqtt5ConnAckException refused = assertThrows(Mqtt5ConnAckException.class,
                    () -> MqttDevice.connect(broker.port(), deviceId, secret));
            assertThat(refused.getMqttMessage().getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.NOT_AUTHORIZED);
            VigilClient.Response http = ingest(secret);
            assertThat(http.status()).isEqualTo(401);
            assertThat(http.json().get("code").asText()).isEqualTo("VIGIL-1103");
            assertThat(ward.admin().get("/api/v1/devices/" + deviceId).json().at("/device/status").asText())
                    .isEqualTo("revoked");
        }
        assertThat(auditActions("admin")).contains("device.register", "device.revoke");
        assertThat(auditActions("device:" + deviceId)).containsOnly("device.login.revoked").hasSize(2);
    }

    @Test
    void rotate_isAudited_withoutTheSecret() {
        String newSecret = ward.admin().post("/api/v1/devices/" + deviceId + "/secret", "").json().get("secret").asText();

        assertThat(auditActions("admin")).contains("device.secret.rotate");
        assertThat(ingest(secret).status()).isEqualTo(401);
        assertThat(auditActions("device:" + deviceId)).containsExactly("device.login.failed");
        assertThat(ward.admin().get("/api/v1/audit?limit=1000").body()).doesNotContain(secret).doesNotContain(newSecret);
    }

    private java.util.List<String> auditActions(String actor) {
        java.util.List<String> actions = new java.util.ArrayList<>();
        ward.admin().get("/api/v1/audit?limit=1000&actor=" + actor).json().forEach(e -> {
            if (deviceId.equals(e.path("resourceId").asText())) {
                actions.add(e.get("action").asText());
            }
        });
        return actions;
    }

    @Test
    void rotateOrRevoke_nonAdmin_isForbidden() {
        VigilClient clinician = VigilClient.user(httpPort, "clinician", WardFixture.PASSWORD);
        assertThat(clinician.post("/api/v1/devices/" + deviceId + "/secret", "").status()).isEqualTo(403);
        assertThat(clinician.delete("/api/v1/devices/" + deviceId + "/secret").status()).isEqualTo(403);
        assertThat(ingest(secret).status()).isEqualTo(201);
    }

    @Test
    void rotateOrRevoke_unknownDevice_isNotFound() {
        assertThat(ward.admin().post("/api/v1/devices/no-such-device/secret", "").status()).isEqualTo(404);
        assertThat(ward.admin().delete("/api/v1/devices/no-such-device/secret").status()).isEqualTo(404);
    }

    private VigilClient.Response ingest(String deviceSecret) {
        return VigilClient.device(httpPort, deviceSecret).post("/api/v1/devices/" + deviceId + "/measurements", READING);
    }
}
