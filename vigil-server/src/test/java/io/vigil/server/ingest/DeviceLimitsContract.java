package io.vigil.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.vigil.server.BedsideContract;
import io.vigil.server.MqttDevice;
import io.vigil.server.StepClock;
import io.vigil.server.VigilClient;
import io.vigil.server.mqtt.EmbeddedBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * Per-device rate and size limits on both transports, on a real database: a device gets at most 3 readings at once
 * and 1 per second after, payloads up to 2048 bytes, and 2 whole rate-limited dead letters per minute. The clock
 * stands still unless a test moves it, so the allowance refills only when a test says so.
 */
@Import(StepClock.InContext.class)
@TestPropertySource(properties = {"vigil.ingest.rate-limit.readings-per-second=1", "vigil.ingest.rate-limit.burst=3",
        "vigil.ingest.rate-limit.dead-letters-per-minute=2", "vigil.ingest.max-payload-bytes=2048"})
abstract class DeviceLimitsContract extends BedsideContract {
    private static final String READING = "{\"values\": {\"heart-rate\": 72}}";

    @Autowired
    EmbeddedBroker broker;
    @Autowired
    StepClock clock;

    @Test
    void http_overTheRateLimit_gets429WithRetryAfter_andADeadLetter_untilTheAllowanceRefills() {
        for (int i = 0; i < 3; i++) {
            assertThat(post(READING).status()).as("reading " + i + " of the burst").isEqualTo(201);
        }
        VigilClient.Response limited = post(READING);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.contentType()).startsWith("application/problem+json");
        assertThat(limited.json().get("code").asText()).isEqualTo("VIGIL-1320");
        assertThat(limited.json().get("detail").asText()).contains("retry after 1 s");
        assertThat(retryAfter(READING)).isEqualTo("1");

        JsonNode letter = deadLetters("VIGIL-1320").getFirst();
        assertThat(letter.get("transport").asText()).isEqualTo("HTTP");
        assertThat(letter.get("payload").asText()).isEqualTo(READING);
        assertThat(letter.get("reason").asText()).contains("readings per second");

        clock.advance(Duration.ofSeconds(1));
        assertThat(post(READING).status()).isEqualTo(201);
    }

    @Test
    void http_onePayloadWithManyReadings_overdrawsTheAllowance_andTheNextWaitsLonger() {
        String five = "{\"values\": {\"heart-rate\": 72, \"spo2\": 97, \"respiratory-rate\": 16, \"body-temperature\": 37.0, "
                + "\"consciousness\": \"A\"}}";
        assertThat(post(five).status()).as("a full allowance admits a payload larger than the burst").isEqualTo(201);
        assertThat(retryAfter(READING)).as("3 - 5 = -2 readings: 3 seconds to get back to one").isEqualTo("3");
        clock.advance(Duration.ofSeconds(3));
        assertThat(post(READING).status()).isEqualTo(201);
    }

    @Test
    void mqtt5_overTheRateLimit_getsPuback0x97_anErrorEvent_andADeadLetter() throws Exception {
        try (MqttDevice device = MqttDevice.connect(broker.port(), deviceId, secret);
             Mqtt5BlockingClient.Mqtt5Publishes errors = device.received()) {
            assertThat(device.subscribe("vigil/v1/devices/" + deviceId + "/errors")).isEqualTo(0x01);
            for (int i = 0; i < 3; i++) {
                assertThat(device.publishMeasurements(READING).success()).isTrue();
            }
            MqttDevice.PubAck limited = device.publishMeasurements(READING);
            assertThat(limited.code()).isEqualTo(0x97);
            assertThat(limited.reason()).startsWith("VIGIL-1320").contains("retry after 1 s");

            Optional<Mqtt5Publish> event = errors.receive(10, TimeUnit.SECONDS);
            assertThat(event).isPresent();
            JsonNode error = VigilClient.JSON.readTree(event.get().getPayloadAsBytes());
            assertThat(error.get("code").asText()).isEqualTo("VIGIL-1320");
            assertThat(error.get("topic").asText()).isEqualTo("vigil/v1/devices/" + deviceId + "/measurements");
            assertThat(device.connected()).isTrue();
        }
        JsonNode letter = deadLetters("VIGIL-1320").getFirst();
        assertThat(letter.get("transport").asText()).isEqualTo("MQTT");
        assertThat(letter.get("payload").asText()).isEqualTo(READING);
    }

    @Test
    void mqtt5_unsupportedTopicKind_isRefused1014_andCountsAgainstTheRateLimit() {
        String raw = "vigil/v1/devices/" + deviceId + "/status"; // events became a topic of their own (dispensers)
        try (MqttDevice device = MqttDevice.connect(broker.port(), deviceId, secret)) {
            for (int i = 0; i < 3; i++) {
                MqttDevice.PubAck refused = device.publish(raw, "{\"hr\": 72}");
                assertThat(refused.code()).isEqualTo(0x99);
                assertThat(refused.reason()).startsWith("VIGIL-1014").contains("status");
            }
            assertThat(device.publish(raw, "{\"hr\": 72}").code()).as("a refused payload costs one reading").isEqualTo(0x97);
        }
        assertThat(deadLetters("VIGIL-1014")).hasSize(3);
        assertThat(deadLetters("VIGIL-1320")).hasSize(1);
    }

    @Test
    void mqtt311_overTheRateLimit_keepsTheConnection_andGetsAnErrorEvent() throws Exception {
        Mqtt3BlockingClient client = MqttDevice.connect311(broker.port(), deviceId, secret);
        try (var errors = client.publishes(MqttGlobalPublishFilter.SUBSCRIBED)) {
            client.subscribeWith().topicFilter("vigil/v1/devices/" + deviceId + "/errors").qos(MqttQos.AT_LEAST_ONCE).send();
            for (int i = 0; i < 4; i++) {
                client.publishWith().topic("vigil/v1/devices/" + deviceId + "/measurements").qos(MqttQos.AT_LEAST_ONCE)
                        .payload(READING.getBytes(StandardCharsets.UTF_8)).send();
            }
            Optional<Mqtt3Publish> event = errors.receive(10, TimeUnit.SECONDS);
            assertThat(event).isPresent();
            assertThat(VigilClient.JSON.readTree(event.get().getPayloadAsBytes()).get("code").asText()).isEqualTo("VIGIL-1320");
            assertThat(client.getState().isConnected()).isTrue();
        } finally {
            client.disconnect();
        }
        assertThat(deadLetters("VIGIL-1320")).hasSize(1);
    }

    @Test
    void flood_keepsTheFirstRefusedPayloadsWhole_andCountsTheRestInOneSummary() {
        for (int i = 0; i < 3; i++) {
            post(READING);
        }
        for (int i = 0; i < 7; i++) {
            assertThat(post("{\"values\": {\"heart-rate\": " + (60 + i) + "}}").status()).isEqualTo(429);
        }
        assertThat(deadLetters("VIGIL-1320")).extracting(l -> l.get("payload").asText())
                .containsExactlyInAnyOrder("{\"values\": {\"heart-rate\": 60}}", "{\"values\": {\"heart-rate\": 61}}");
        assertThat(deadLetters("VIGIL-1321")).as("not before the minute is over").isEmpty();
        assertThat(prometheus()).contains("vigil_ingest_payloads_unkept_total{code=\"VIGIL-1320\",transport=\"http\"}");

        clock.advance(Duration.ofSeconds(61));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !deadLetters("VIGIL-1321").isEmpty());
        List<JsonNode> summaries = deadLetters("VIGIL-1321");
        assertThat(summaries).hasSize(1);
        assertThat(summaries.getFirst().get("reason").asText()).startsWith("5 further payloads were refused for the rate limit");
        assertThat(summaries.getFirst().get("payload").asText()).isEmpty();
        assertThat(deadLetters("VIGIL-1320")).as("no more whole letters were written").hasSize(2);
    }

    @Test
    void http_oversizedPayload_gets413_andADeadLetter() {
        String big = "{\"values\": {\"heart-rate\": 72}, \"note\": \"" + "x".repeat(2100) + "\"}";
        VigilClient.Response refused = post(big);
        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.json().get("code").asText()).isEqualTo("VIGIL-1009");
        assertThat(refused.json().get("detail").asText()).contains("2048 bytes");
        JsonNode letter = deadLetters("VIGIL-1009").getFirst();
        assertThat(letter.get("payload").asText()).as("the bytes up to one past the limit").hasSize(2049)
                .isEqualTo(big.substring(0, 2049));
    }

    @Test
    void mqtt5_oversizedPayload_getsPuback0x99_andADeadLetter_andTheBrokerAnnouncesItsPacketLimit() {
        byte[] big = new byte[3000];
        Arrays.fill(big, (byte) '7');
        try (MqttDevice device = MqttDevice.connect(broker.port(), deviceId, secret)) {
            assertThat(device.maximumPacketSize()).isEqualTo(2048 + 65_536);
            MqttDevice.PubAck refused = device.publish("vigil/v1/devices/" + deviceId + "/measurements", big);
            assertThat(refused.code()).isEqualTo(0x99);
            assertThat(refused.reason()).startsWith("VIGIL-1009").contains("2048 bytes");
            MqttDevice.PubAck gatt = device.publish("vigil/v1/devices/" + deviceId + "/ble/2A35", big);
            assertThat(gatt.code()).as("binary payloads too").isEqualTo(0x99);
            assertThat(device.connected()).isTrue();
        }
        List<JsonNode> letters = deadLetters("VIGIL-1009");
        assertThat(letters).hasSize(2);
        assertThat(letters).allSatisfy(l -> assertThat(l.get("transport").asText()).isEqualTo("MQTT"));
        assertThat(letters).anySatisfy(l -> assertThat(l.get("payload").asText()).hasSize(3000));
    }

    private VigilClient.Response post(String json) {
        return device.post("/api/v1/devices/" + deviceId + "/measurements", json);
    }

    /** The Retry-After of a refused POST (read through a raw client: VigilClient does not keep headers). */
    private String retryAfter(String json) {
        try {
            java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + httpPort
                                    + "/api/v1/devices/" + deviceId + "/measurements"))
                            .header("Authorization", "Bearer " + secret).header("Content-Type", "application/json")
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(json)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(429);
            return response.headers().firstValue("Retry-After").orElse(null);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private List<JsonNode> deadLetters(String code) {
        return ward.admin().get("/api/v1/dead-letters?device=" + deviceId).where("code", code);
    }

    private String prometheus() {
        return ward.admin().get("/actuator/prometheus").body();
    }
}
