package io.vigil.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import io.vigil.server.BedsideContract;
import io.vigil.server.MqttDevice;
import io.vigil.server.VigilClient;
import io.vigil.server.WardFixture;
import io.vigil.server.mqtt.EmbeddedBroker;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The ingest contract, through the real surfaces (embedded HiveMQ + HiveMQ MQTT client, HTTP), on a real
 * database. Subclasses pick H2 or PostgreSQL.
 */
abstract class IngestContract extends BedsideContract {

    @Autowired
    EmbeddedBroker broker;
    @Autowired
    JdbcTemplate jdbc;


    @Test
    void mqtt5_qos1_pubackArrivesOnlyAfterTheReadingsAreStored() {
        try (MqttDevice device = MqttDevice.connect(broker.port(), deviceId, secret)) {
            MqttDevice.PubAck ack = device.publishMeasurements("""
                    {"id": "m-1", "time": "%s", "values": {"heart-rate": 72, "spo2": 97,
                     "blood-pressure": {"systolic": 120, "diastolic": 80}}}""".formatted(Instant.now().minusSeconds(5)));
            assertThat(ack.success()).as(ack.reason()).isTrue();
            // No waiting: the PUBACK means the rows are committed.
            assertThat(rows("m-1")).isEqualTo(3);
            assertThat(jdbc.queryForObject("SELECT patient_id FROM observation WHERE device_id = ? AND type_code = 'heart-rate'",
                    String.class, deviceId)).isEqualTo(patient);
        }
    }

    @Test
    void mqtt5_qos0_isStoredToo() {
        try (MqttDevice device = MqttDevice.connect(broker.port(), deviceId, secret)) {
            device.publishAtMostOnce("vigil/v1/devices/" + deviceId + "/measurements", "{\"id\": \"q0-1\", \"values\": {\"spo2\": 96}}");
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> rows("q0-1") == 1);
        }
    }

    @Test
    void mqtt311_qos1_pubackAfterStored() {
        Mqtt3BlockingClient client = MqttClient.builder().useMqttVersion3().identifier(deviceId + "-v3ok")
                .serverHost("127.0.0.1").serverPort(broker.port())
                .simpleAuth().username(deviceId).password(secret.getBytes(StandardCharsets.UTF_8)).applySimpleAuth()
                .buildBlocking();
        client.connect();
        try {
            client.publishWith().topic("vigil/v1/devices/" + deviceId + "/measurements").qos(MqttQos.AT_LEAST_ONCE)
                    .payload("{\"id\": \"v3-1\", \"values\": {\"heart-rate\": 61}}".getBytes(StandardCharsets.UTF_8)).send();
            assertThat(rows("v3-1")).isEqualTo(1);
        } finally {
            client.disconnect();
        }
    }

    @Test
    void http_post_answers201WithObservationIdsAfterStoring() {
        VigilClient.Response response = VigilClient.device(httpPort, secret).post(measurements(),
                "[{\"id\": \"h-1\", \"values\": {\"body-temperature\": {\"value\": 98.6, \"unit\": \"[degF]\"}}},"
                        + " {\"id\": \"h-2\", \"values\": {\"respiratory-rate\": 16}}]");
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(response.json().get("observations")).hasSize(2);
        Double celsius = jdbc.queryForObject("SELECT value_num FROM observation WHERE device_id = ? AND message_id = 'h-1'",
                Double.class, deviceId);
        assertThat(celsius).isCloseTo(37.0, Assertions.within(1e-9));
        assertThat(jdbc.queryForObject("SELECT time_source FROM observation WHERE device_id = ? AND message_id = 'h-2'",
                String.class, deviceId)).isEqualTo("R");
    }

    @Test
    void retry_withTheSameMessageId_storesOnceAndAnswersTheSameIds() {
        String body = "{\"id\": \"retry-1\", \"values\": {\"heart-rate\": 80, \"spo2\": 95}}";
        JsonNode first = VigilClient.device(httpPort, secret).post(measurements(), body).json();
        JsonNode second = VigilClient.device(httpPort, secret).post(measurements(), body).json();
        try (MqttDevice device = MqttDevice.connect(broker.port(), deviceId, secret)) {
            assertThat(device.publishMeasurements(body).success()).isTrue();
        }
        assertThat(second.get("observations")).isEqualTo(first.get("observations"));
        assertThat(second.get("duplicates").asInt()).isEqualTo(2);
        assertThat(rows("retry-1")).isEqualTo(2);
    }

    @Test
    void lateReading_belongsToThePatientWhoHadTheDeviceAtItsOwnTime() {
        String lateDevice = "late-" + UUID.randomUUID().toString().substring(0, 8);
        String lateSecret = ward.device(lateDevice, "pulse-oximeter");
        String first = ward.patient("ward-a");
        String second = ward.patient("ward-a");
        Instant handover = Instant.now().minus(2, ChronoUnit.HOURS);
        ward.assign(lateDevice, first, handover.minus(1, ChronoUnit.DAYS), handover);
        ward.assign(lateDevice, second, handover, null);

        VigilClient device = VigilClient.device(httpPort, lateSecret);
        post(device, lateDevice, "before-handover", handover.minus(10, ChronoUnit.MINUTES));
        post(device, lateDevice, "after-handover", handover.plus(1, ChronoUnit.MINUTES));
        post(device, lateDevice, "never-assigned", handover.minus(3, ChronoUnit.DAYS));

        assertThat(patientOf(lateDevice, "before-handover")).contains(first);
        assertThat(patientOf(lateDevice, "after-handover")).contains(second);
        assertThat(patientOf(lateDevice, "never-assigned")).isEmpty();
        assertThat(rowsOf(lateDevice, "never-assigned")).as("unattributed readings are kept").isEqualTo(1);
    }

    @Test
    void mqtt5_implausibleValue_getsPuback0x99WithCode_andADeadLetter() {
        try (MqttDevice device = MqttDevice.connect(broker.port(), deviceId, secret)) {
            MqttDevice.PubAck ack = device.publishMeasurements("{\"values\": {\"heart-rate\": 900}}");
            assertThat(ack.code()).isEqualTo(0x99);
            assertThat(ack.reason()).contains("VIGIL-1004").contains("heart-rate");
        }
        assertThat(deadLetterCodes()).contains("VIGIL-1004");
    }

    @Test
    void mqtt5_publishToAnotherDevicesTopic_isNotAuthorized0x87() {
        try (MqttDevice device = MqttDevice.connect(broker.port(), deviceId, secret)) {
            MqttDevice.PubAck ack = device.publish("vigil/v1/devices/someone-else/measurements", "{\"values\": {\"spo2\": 97}}");
            assertThat(ack.code()).isEqualTo(0x87);
        }
        assertThat(deadLetterCodes()).contains("VIGIL-1102");
    }

    @Test
    void mqtt5_wrongSecret_isRefusedAtConnect() {
        Mqtt5ConnAckException refused = org.junit.jupiter.api.Assertions.assertThrows(Mqtt5ConnAckException.class,
                () -> MqttDevice.connect(broker.port(), deviceId, "not-the-secret"));
        assertThat(refused.getMqttMessage().getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD);
    }

    @Test
    void mqtt311_rejectedPayload_getsAnErrorEventOnItsErrorsTopic() throws Exception {
        Mqtt3BlockingClient client = MqttDevice.connect311(broker.port(), deviceId, secret);
        try (var errors = client.publishes(com.hivemq.client.mqtt.MqttGlobalPublishFilter.SUBSCRIBED)) {
            client.subscribeWith().topicFilter("vigil/v1/devices/" + deviceId + "/errors").qos(MqttQos.AT_LEAST_ONCE).send();
            client.publishWith().topic("vigil/v1/devices/" + deviceId + "/measurements").qos(MqttQos.AT_LEAST_ONCE)
                    .payload("{\"values\": {\"pulse\": 70}}".getBytes(StandardCharsets.UTF_8)).send();
            Optional<Mqtt3Publish> event = errors.receive(10, TimeUnit.SECONDS);
            assertThat(event).isPresent();
            JsonNode error = VigilClient.JSON.readTree(event.get().getPayloadAsBytes());
            assertThat(error.get("code").asText()).isEqualTo("VIGIL-1002");
            assertThat(error.get("field").asText()).contains("pulse");
            assertThat(client.getState().isConnected()).as("a refused payload does not cost an MQTT 3.1.1 device its connection").isTrue();
        } finally {
            client.disconnect();
        }
    }

    @Test
    void http_rejections_areProblemJsonWithStableCodes_andAllKeptAsDeadLetters() {
        VigilClient device = VigilClient.device(httpPort, secret);
        Map<String, String> expected = Map.of(
                "{\"values\": {\"spo2\": 140}}", "VIGIL-1004",
                "{\"values\": {\"pulse\": 70}}", "VIGIL-1002",
                "{\"values\": {\"body-temperature\": {\"value\": 37, \"unit\": \"K\"}}}", "VIGIL-1003",
                "{\"values\": {\"heart-rate\": \"fast\"}}", "VIGIL-1005",
                "{\"time\": \"yesterday\", \"values\": {\"heart-rate\": 70}}", "VIGIL-1006",
                "{\"values\": {}}", "VIGIL-1007",
                "{\"values\": {\"heart-rate\": 70}, \"patient\": \"x\"}", "VIGIL-1008",
                "{\"values\": {\"consciousness\": \"Z\"}}", "VIGIL-1010",
                "{\"values\": {\"blood-pressure\": {\"systolic\": 120}}}", "VIGIL-1011",
                "{\"values\": {\"heart-rate\": 7", "VIGIL-1001");
        expected.forEach((payload, code) -> {
            VigilClient.Response response = device.post(measurements(), payload);
            assertThat(response.status()).as(payload).isBetween(400, 422);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json().get("code").asText()).as(payload).isEqualTo(code);
        });
        VigilClient.Response unauthenticated = VigilClient.device(httpPort, "wrong").post(measurements(), "{\"values\": {\"spo2\": 97}}");
        assertThat(unauthenticated.status()).isEqualTo(401);
        assertThat(unauthenticated.json().get("code").asText()).isEqualTo("VIGIL-1101");

        List<String> codes = deadLetterCodes();
        assertThat(codes).containsAll(expected.values()).contains("VIGIL-1101");
        JsonNode letter = ward.admin().get("/api/v1/dead-letters?device=" + deviceId).json().get(0);
        assertThat(letter.has("reason")).isTrue();
        assertThat(letter.get("transport").asText()).isEqualTo("HTTP");
        assertThat(letter.get("payloadEncoding").asText()).isEqualTo("utf-8");
        assertThat(letter.get("payload").asText()).as("the refused JSON, as sent").startsWith("{");
    }

    @Test
    void registration_refusesBadFieldsByName_withoutEchoingThem() {
        VigilClient admin = ward.admin();
        VigilClient.Response longName = admin.post("/api/v1/patients", Map.of("mrn", "MRN-LONG-" + deviceId,
                "name", Map.of("given", "x".repeat(201), "family", "Long")));
        assertThat(longName.status()).isEqualTo(400);
        assertThat(longName.json().get("field").asText()).isEqualTo("name.given");
        assertThat(longName.body()).doesNotContain("x".repeat(201));
        VigilClient.Response noMrn = admin.post("/api/v1/patients", Map.of("name", Map.of("family", "NoMrn")));
        assertThat(noMrn.json().get("code").asText()).isEqualTo("VIGIL-1201");
        assertThat(noMrn.json().get("field").asText()).isEqualTo("mrn");
        VigilClient.Response badDevice = admin.post("/api/v1/devices", Map.of("id", "has/slash", "type", "scale"));
        assertThat(badDevice.status()).isEqualTo(400);
        assertThat(badDevice.json().get("field").asText()).isEqualTo("id");
        VigilClient.Response duplicate = admin.post("/api/v1/devices", Map.of("id", deviceId, "type", "scale"));
        assertThat(duplicate.status()).isEqualTo(409);
        VigilClient.Response clinicianRegistersDevice = VigilClient.user(httpPort, "clinician", WardFixture.PASSWORD)
                .post("/api/v1/devices", Map.of("id", "not-allowed", "type", "scale"));
        assertThat(clinicianRegistersDevice.status()).isEqualTo(403);
        assertThat(VigilClient.anonymous(httpPort).get("/api/v1/patients").status()).isEqualTo(401);
    }

    @Test
    void overlappingAssignment_isRefused_andAnEndedOneFreesTheDevice() {
        String other = ward.patient("ward-a");
        VigilClient.Response overlap = ward.admin().post("/api/v1/devices/" + deviceId + "/assignments",
                Map.of("patient", other, "start", Instant.now().toString()));
        assertThat(overlap.status()).isEqualTo(409);
        String current = ward.admin().get("/api/v1/devices/" + deviceId + "/assignments").json().get(0).get("id").asText();
        Instant handover = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        assertThat(ward.admin().patch("/api/v1/devices/" + deviceId + "/assignments/" + current, Map.of("end", handover.toString()))
                .status()).isEqualTo(200);
        ward.assign(deviceId, other, handover, null);
    }

    @Test
    void metrics_countAcceptedAndRejectedByCode() {
        VigilClient.device(httpPort, secret).post(measurements(), "{\"values\": {\"heart-rate\": 70}}");
        VigilClient.device(httpPort, secret).post(measurements(), "{\"values\": {\"heart-rate\": 999}}");
        String metrics = ward.admin().get("/actuator/prometheus").body();
        assertThat(metrics).contains("vigil_ingest_observations_accepted_total{transport=\"http\"}")
                .contains("vigil_ingest_payloads_rejected_total{code=\"VIGIL-1004\",transport=\"http\"}")
                .contains("vigil_ingest_latency_seconds_bucket");
    }

    private String measurements() {
        return "/api/v1/devices/" + deviceId + "/measurements";
    }

    private static void post(VigilClient device, String deviceId, String id, Instant time) {
        VigilClient.Response response = device.post("/api/v1/devices/" + deviceId + "/measurements",
                "{\"id\": \"" + id + "\", \"time\": \"" + time + "\", \"values\": {\"spo2\": 96}}");
        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    private int rows(String messageId) {
        return rowsOf(deviceId, messageId);
    }

    private int rowsOf(String device, String messageId) {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM observation WHERE device_id = ? AND message_id = ?",
                Integer.class, device, messageId);
        return count == null ? 0 : count;
    }

    private Optional<String> patientOf(String device, String messageId) {
        return Optional.ofNullable(jdbc.queryForObject("SELECT patient_id FROM observation WHERE device_id = ? AND message_id = ?",
                String.class, device, messageId));
    }

    private List<String> deadLetterCodes() {
        JsonNode letters = ward.admin().get("/api/v1/dead-letters?limit=1000").json();
        return letters.findValuesAsText("code");
    }
}
