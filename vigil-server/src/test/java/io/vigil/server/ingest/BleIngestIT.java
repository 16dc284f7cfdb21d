package io.vigil.server.ingest;

import static io.vigil.server.FhirBundle.component;
import static io.vigil.server.FhirBundle.observation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.fhir.FhirJson;
import io.vigil.fhir.OfflineValidator;
import io.vigil.server.BedsideContract;
import io.vigil.server.Databases;
import io.vigil.server.MqttDevice;
import io.vigil.server.VigilClient;
import io.vigil.server.WardFixture;
import io.vigil.server.mqtt.EmbeddedBroker;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.UUID;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Raw BLE GATT characteristic values over MQTT 5 and HTTP, read back as FHIR Observations (H2). */
class BleIngestIT extends BedsideContract {
    /** Blood Pressure Measurement, kPa: 16.0 / 10.7 / 12.4 kPa, pulse rate 72 (flags 0x05). */
    private static final byte[] BP_KPA = HexFormat.of().parseHex("05A0F06BF07CF04800");
    /** The same, cut inside the diastolic SFLOAT. */
    private static final byte[] BP_TRUNCATED = HexFormat.of().parseHex("05A0F06B");
    private static final double MMHG_PER_KPA = 1000 / 133.322387415;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        Databases.h2(registry);
    }

    @Autowired
    EmbeddedBroker broker;

    @Test
    void mqtt5_bloodPressureValue_isStoredBeforePuback_andServedAsValidVitalSignsObservations() {
        try (MqttDevice device = MqttDevice.connect(broker.port(), deviceId, secret)) {
            MqttDevice.PubAck ack = device.publish(topic("2A35"), BP_KPA);
            assertThat(ack.success()).as(ack.reason()).isTrue();
        }
        JsonNode bundle = fhirObservations();
        JsonNode bp = observation(bundle, "85354-9");
        assertThat(component(bp, "8480-6").get("value").asDouble()).isCloseTo(16.0 * MMHG_PER_KPA, within(0.01));
        assertThat(component(bp, "8462-4").get("value").asDouble()).isCloseTo(10.7 * MMHG_PER_KPA, within(0.01));
        assertThat(component(bp, "8478-0").get("value").asDouble()).isCloseTo(12.4 * MMHG_PER_KPA, within(0.01));
        assertThat(component(bp, "8480-6").get("code").asText()).isEqualTo("mm[Hg]");
        assertThat(observation(bundle, "8867-4").at("/valueQuantity/value").asDouble()).isEqualTo(72.0);
        for (JsonNode entry : bundle.path("entry")) {
            Observation observation = FhirJson.context().newJsonParser()
                    .parseResource(Observation.class, entry.get("resource").toString());
            assertThat(OfflineValidator.errors(observation)).as(entry.toString()).isEmpty();
        }
    }

    @Test
    void mqtt5_truncatedValue_getsPuback0x99WithCodeAndOffset_andADeadLetter() {
        try (MqttDevice device = MqttDevice.connect(broker.port(), deviceId, secret)) {
            MqttDevice.PubAck ack = device.publish(topic("0x2a35"), BP_TRUNCATED);
            assertThat(ack.code()).isEqualTo(0x99);
            assertThat(ack.reason()).contains("VIGIL-1013").contains("diastolic at byte 3");
        }
        JsonNode letter = ward.admin().get("/api/v1/dead-letters?device=" + deviceId).json().get(0);
        assertThat(letter.get("code").asText()).isEqualTo("VIGIL-1013");
        assertThat(letter.get("field").asText()).isEqualTo("diastolic at byte 3");
        assertThat(letter.get("transport").asText()).isEqualTo("MQTT");
    }

    @Test
    void mqtt5_unsupportedTopicKinds_areStillRefused() {
        try (MqttDevice device = MqttDevice.connect(broker.port(), deviceId, secret)) {
            assertThat(device.publish("vigil/v1/devices/" + deviceId + "/waveform", new byte[] {1}).code()).isEqualTo(0x99);
            assertThat(device.publish("vigil/v1/devices/" + deviceId + "/ble", BP_KPA).code()).isEqualTo(0x99);
            MqttDevice.PubAck unknown = device.publish(topic("2A38"), BP_KPA);
            assertThat(unknown.code()).isEqualTo(0x99);
            assertThat(unknown.reason()).contains("VIGIL-1014");
        }
    }

    @Test
    void http_bloodPressureValue_answers201_truncatedAnswers422Problem() {
        VigilClient device = VigilClient.device(httpPort, secret);
        VigilClient.Response stored = device.post(path("2A35"), BP_KPA, "application/octet-stream");
        assertThat(stored.status()).as(stored.body()).isEqualTo(201);
        assertThat(stored.json().get("observations")).hasSize(2);

        VigilClient.Response refused = device.post(path("00002a35-0000-1000-8000-00805f9b34fb"), BP_TRUNCATED,
                "application/octet-stream");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("code").asText()).isEqualTo("VIGIL-1013");

        VigilClient.Response unauthenticated = VigilClient.device(httpPort, "wrong").post(path("2A35"), BP_KPA,
                "application/octet-stream");
        assertThat(unauthenticated.status()).isEqualTo(401);
        JsonNode letter = ward.admin().get("/api/v1/dead-letters?device=" + deviceId).json();
        assertThat(letter.findValuesAsText("code")).contains("VIGIL-1013", "VIGIL-1101");
    }

    private JsonNode fhirObservations() {
        // Administrators see no clinical data over FHIR; the ward's clinician does.
        VigilClient.Response response = clinician.get("/fhir/Observation?device=" + deviceId, "application/fhir+json");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private String topic(String uuid) {
        return "vigil/v1/devices/" + deviceId + "/ble/" + uuid;
    }

    private String path(String uuid) {
        return "/api/v1/devices/" + deviceId + "/ble/" + uuid;
    }
}
