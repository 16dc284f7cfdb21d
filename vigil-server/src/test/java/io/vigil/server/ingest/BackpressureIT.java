package io.vigil.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import io.vigil.server.mqtt.EmbeddedBroker;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import io.vigil.server.BedsideContract;
import io.vigil.server.Databases;
import io.vigil.server.VigilClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Backpressure at small scale: with room for only a few readings between receipt and commit (and a long group-commit
 * window to keep them there), many payloads at once are partly answered 429 VIGIL-1900 with {@code Retry-After};
 * each is sent again until acknowledged, and then every acknowledged reading is stored exactly once. The same over
 * MQTT 5: PUBACK 0x97 with "VIGIL-1900 … retry after 1 s".
 */
class BackpressureIT extends BedsideContract {
    private static final int MESSAGES = 20;
    private static final int CONNECTIONS = 10;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        Databases.h2(registry);
        registry.add("vigil.ingest.rate-limit.readings-per-second", () -> "0");
        registry.add("vigil.ingest.group-commit-window", () -> "200ms");
        // Room for one payload (2 readings) at a time: a second one in flight is told to wait, however few threads
        // the broker hands publishes to (as few as the machine's cores).
        registry.add("vigil.backpressure.max-pending-readings", () -> "3");
        registry.add("vigil.backpressure.priority-reserve", () -> "1");
    }

    @Autowired
    DataSource dataSource;

    @Autowired
    EmbeddedBroker broker;

    @Test
    void saturated_answers429WithRetryAfter_andEveryAcknowledgedReadingIsStoredOnce() throws Exception {
        Map<String, Integer> answers = new ConcurrentHashMap<>();
        List<JsonNode> waits = java.util.Collections.synchronizedList(new ArrayList<>());
        List<String> retryAfter = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Future<?>> sends = new ArrayList<>();
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < MESSAGES; i++) {
                String id = "burst-" + i;
                sends.add(senders.submit(() -> {
                    String body = "{\"id\": \"" + id + "\", \"values\": {\"heart-rate\": 72, \"spo2\": 97}}";
                    while (true) {
                        VigilClient.Response response = device.post("/api/v1/devices/" + deviceId + "/measurements",
                                body, "application/json");
                        if (response.status() != 429) {
                            answers.put(id, response.status());
                            return null;
                        }
                        waits.add(response.json());
                        retryAfter.addAll(response.header("Retry-After"));
                        Thread.sleep(Long.parseLong(response.header("Retry-After").getFirst()) * 1000);
                    }
                }));
            }
            for (Future<?> send : sends) {
                send.get();
            }
        }

        assertThat(answers).hasSize(MESSAGES).allSatisfy((id, status) -> assertThat(status).isEqualTo(201));
        assertThat(waits).as("some payloads were told to wait").isNotEmpty()
                .allSatisfy(problem -> assertThat(problem.get("code").asText()).isEqualTo("VIGIL-1900"));
        assertThat(retryAfter).isNotEmpty().allSatisfy(seconds -> assertThat(seconds).isEqualTo("1"));
        assertStoredOnce("burst-%");
    }

    @Test
    void saturated_mqtt5_answersPubAck0x97_andEveryAcknowledgedReadingIsStoredOnce() throws Exception {
        // HiveMQ hands one connection's publishes to the interceptor one at a time: several connections of the
        // device make the concurrent load.
        List<Mqtt5AsyncClient> clients = new ArrayList<>();
        for (int c = 0; c < CONNECTIONS; c++) {
            Mqtt5AsyncClient client = MqttClient.builder().useMqttVersion5().identifier(deviceId + "-burst-" + c)
                    .serverHost("127.0.0.1").serverPort(broker.port())
                    .simpleAuth().username(deviceId).password(secret.getBytes(StandardCharsets.UTF_8)).applySimpleAuth()
                    .buildAsync();
            client.connect().get(30, TimeUnit.SECONDS);
            clients.add(client);
        }
        List<String> waits = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch acknowledged = new CountDownLatch(MESSAGES);
        try {
            for (int i = 0; i < MESSAGES; i++) {
                publishUntilAcknowledged(clients.get(i % CONNECTIONS), "vigil/v1/devices/" + deviceId + "/measurements",
                        "mq-" + i, waits, acknowledged);
            }
            assertThat(acknowledged.await(180, TimeUnit.SECONDS)).as("every message acknowledged in the end").isTrue();
        } finally {
            clients.forEach(Mqtt5AsyncClient::disconnect);
        }

        assertThat(waits).as("some publishes were told to wait").isNotEmpty()
                .allSatisfy(reason -> assertThat(reason).startsWith("0x97 VIGIL-1900").contains("retry after 1 s"));
        assertStoredOnce("mq-%");
    }

    private static void publishUntilAcknowledged(Mqtt5AsyncClient client, String topic, String id, List<String> waits,
                                                 CountDownLatch acknowledged) {
        byte[] payload = ("{\"id\": \"" + id + "\", \"values\": {\"heart-rate\": 72, \"spo2\": 97}}")
                .getBytes(StandardCharsets.UTF_8);
        client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(payload).send()
                .whenComplete((result, failure) -> {
                    Throwable cause = failure instanceof java.util.concurrent.CompletionException c && c.getCause() != null
                            ? c.getCause() : failure;
                    if (cause == null) {
                        acknowledged.countDown();
                    } else if (cause instanceof Mqtt5PubAckException refused
                            && refused.getMqttMessage().getReasonCode() == Mqtt5PubAckReasonCode.QUOTA_EXCEEDED) {
                        waits.add(String.format("0x%02X ", refused.getMqttMessage().getReasonCode().getCode())
                                + refused.getMqttMessage().getReasonString().map(Object::toString).orElse(""));
                        CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS)
                                .execute(() -> publishUntilAcknowledged(client, topic, id, waits, acknowledged));
                    }
                });
    }

    /** Each message with this id pattern: two readings, stored once each. */
    private void assertStoredOnce(String ids) {
        List<Map<String, Object>> rows = new JdbcTemplate(dataSource).queryForList(
                "SELECT message_id, COUNT(*) AS n, COUNT(DISTINCT type_code) AS types FROM observation "
                        + "WHERE device_id = ? AND message_id LIKE ? GROUP BY message_id", deviceId, ids);
        assertThat(rows).hasSize(MESSAGES).allSatisfy(row -> {
            assertThat(((Number) row.get("N")).intValue()).as("rows of " + row.get("MESSAGE_ID")).isEqualTo(2);
            assertThat(((Number) row.get("TYPES")).intValue()).isEqualTo(2);
        });
    }
}
