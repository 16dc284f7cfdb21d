package io.vigil.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
 * each is sent again until acknowledged, and then every acknowledged reading is stored exactly once.
 */
class BackpressureIT extends BedsideContract {
    private static final int MESSAGES = 40;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        Databases.h2(registry);
        registry.add("vigil.ingest.rate-limit.readings-per-second", () -> "0");
        registry.add("vigil.ingest.group-commit-window", () -> "300ms");
        registry.add("vigil.backpressure.max-pending-readings", () -> "6");
        registry.add("vigil.backpressure.priority-reserve", () -> "2");
    }

    @Autowired
    DataSource dataSource;

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
        List<Map<String, Object>> rows = new JdbcTemplate(dataSource).queryForList(
                "SELECT message_id, COUNT(*) AS n, COUNT(DISTINCT type_code) AS types FROM observation "
                        + "WHERE device_id = ? GROUP BY message_id", deviceId);
        assertThat(rows).hasSize(MESSAGES).allSatisfy(row -> {
            assertThat(((Number) row.get("N")).intValue()).as("rows of " + row.get("MESSAGE_ID")).isEqualTo(2);
            assertThat(((Number) row.get("TYPES")).intValue()).isEqualTo(2);
        });
    }
}
