package io.vigil.server.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.server.BedsideContract;
import io.vigil.server.VigilClient;
import io.vigil.server.WardFixture;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The alert workflow end to end: readings through the device HTTP endpoint raise, deduplicate and
 * resolve limit alerts; clinicians acknowledge them with a reason over REST. Subclasses pick H2 or PostgreSQL.
 */
abstract class AlertWorkflowContract extends BedsideContract {
    private static final Duration WAIT = Duration.ofSeconds(10);

    Instant start;

    @BeforeEach
    void startTenMinutesAgo() {
        start = Instant.now().minus(10, ChronoUnit.MINUTES);
    }

    @Test
    void heartRateHigh_raisedOnceCountedAcknowledgedAndResolvedWhenBack() {
        send(device, deviceId, 0, Map.of("heart-rate", 150));
        JsonNode raised = awaitOnlyAlert(a -> true);
        assertThat(raised.get("rule").asText()).isEqualTo("heart-rate-high");
        assertThat(raised.get("priority").asText()).isEqualTo("high");
        assertThat(raised.get("state").asText()).isEqualTo("active");
        assertThat(raised.get("count").asInt()).isEqualTo(1);

        send(device, deviceId, 1, Map.of("heart-rate", 155));
        send(device, deviceId, 2, Map.of("heart-rate", 162));
        send(device, deviceId, 3, Map.of("heart-rate", 140));
        JsonNode deduplicated = awaitOnlyAlert(a -> a.get("count").asInt() == 4);
        assertThat(deduplicated.get("id").asText()).isEqualTo(raised.get("id").asText());
        assertThat(deduplicated.get("lastValue").asDouble()).isEqualTo(140);
        assertThat(deduplicated.get("firstValue").asDouble()).isEqualTo(150);

        String ack = "/api/v1/alerts/" + raised.get("id").asText() + "/ack";
        VigilClient.Response noReason = clinician.post(ack, Map.of());
        assertThat(noReason.status()).as(noReason.body()).isEqualTo(400);
        assertThat(noReason.contentType()).startsWith("application/problem+json");
        assertThat(noReason.json().get("code").asText()).isEqualTo("VIGIL-1220");
        assertThat(clinician.post(ack, Map.of("reason", "  ")).status()).isEqualTo(400);
        assertThat(caregiver.post(ack, Map.of("reason", "seen")).status()).isEqualTo(403);
        assertThat(ward.admin().post(ack, Map.of("reason", "seen")).status()).isEqualTo(403);

        VigilClient.Response acked = clinician.post(ack, Map.of("reason", "Patient anxious; reviewing"));
        assertThat(acked.status()).as(acked.body()).isEqualTo(200);
        assertThat(acked.json().get("state").asText()).isEqualTo("acknowledged");
        assertThat(acked.json().get("acknowledgedBy").asText()).isEqualTo("clinician");
        assertThat(acked.json().get("reason").asText()).isEqualTo("Patient anxious; reviewing");
        VigilClient.Response again = clinician.post(ack, Map.of("reason", "again"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asText()).isEqualTo("VIGIL-1221");

        send(device, deviceId, 4, Map.of("heart-rate", 80));
        JsonNode resolved = awaitOnlyAlert(a -> a.get("state").asText().equals("resolved"));
        assertThat(resolved.get("resolvedAutomatically").asBoolean()).isTrue();
        assertThat(resolved.get("resolvedBy").isNull()).isTrue();
        assertThat(resolved.get("acknowledgedBy").asText()).isEqualTo("clinician");
        assertThat(resolved.get("count").asInt()).isEqualTo(4);
        assertThat(clinician.post("/api/v1/alerts/" + resolved.get("id").asText() + "/resolve", Map.of()).status())
                .isEqualTo(409);
    }

    @Test
    void unattributedReadings_raiseNothing() {
        String loose = "loose-" + UUID.randomUUID().toString().substring(0, 8);
        VigilClient unassigned = VigilClient.device(httpPort, ward.device(loose, "vital-signs-monitor"));
        int before = alerts("").size();

        send(unassigned, loose, 0, Map.of("heart-rate", 170, "spo2", 80));
        // Listeners see readings in commit order: once this later alert shows, the loose readings were seen.
        send(device, deviceId, 1, Map.of("spo2", 85));
        awaitOnlyAlert(a -> a.get("rule").asText().equals("spo2-low"));

        assertThat(alerts("")).hasSize(before + 1);
    }

    @Test
    void resolveByClinician_listedWithFilters() {
        send(device, deviceId, 0, Map.of("blood-pressure", Map.of("systolic", 85, "diastolic", 50)));
        JsonNode raised = awaitOnlyAlert(a -> true);
        String resolve = "/api/v1/alerts/" + raised.get("id").asText() + "/resolve";
        assertThat(caregiver.post(resolve, Map.of()).status()).isEqualTo(403);

        VigilClient.Response resolved = clinician.post(resolve, Map.of());

        assertThat(resolved.status()).as(resolved.body()).isEqualTo(200);
        assertThat(resolved.json().get("resolvedBy").asText()).isEqualTo("clinician");
        assertThat(resolved.json().get("resolvedAutomatically").asBoolean()).isFalse();
        assertThat(alerts("&state=resolved&priority=high")).singleElement()
                .satisfies(a -> assertThat(a.get("rule").asText()).isEqualTo("systolic-bp-low"));
        assertThat(alerts("&state=active")).isEmpty();
        assertThat(alerts("&priority=low")).isEmpty();
        assertThat(caregiver.get("/api/v1/alerts/" + raised.get("id").asText()).status()).isEqualTo(200);
    }

    @Test
    void badFiltersAndUnknownAlert_refused() {
        assertThat(caregiver.get("/api/v1/alerts?state=open").status()).isEqualTo(400);
        assertThat(caregiver.get("/api/v1/alerts?priority=urgent").status()).isEqualTo(400);
        assertThat(VigilClient.anonymous(httpPort).get("/api/v1/alerts").status()).isEqualTo(401);
        String unknown = "/api/v1/alerts/" + UUID.randomUUID();
        assertThat(caregiver.get(unknown).status()).isEqualTo(404);
        assertThat(clinician.post(unknown + "/ack", Map.of("reason", "seen")).status()).isEqualTo(404);
    }

    private void send(VigilClient client, String id, int second, Map<String, Object> values) {
        VigilClient.Response stored = client.post("/api/v1/devices/" + id + "/measurements",
                Map.of("time", start.plusSeconds(second).toString(), "values", values));
        assertThat(stored.status()).as(stored.body()).isEqualTo(201);
    }

    /** Waits until the patient has exactly one alert and it matches; returns it. */
    private JsonNode awaitOnlyAlert(Predicate<JsonNode> matches) {
        await().atMost(WAIT).until(() -> {
            List<JsonNode> found = alerts("&patient=" + patient);
            return found.size() == 1 && matches.test(found.getFirst());
        });
        return alerts("&patient=" + patient).getFirst();
    }

    private List<JsonNode> alerts(String filters) {
        String query = filters.startsWith("&state") || filters.startsWith("&priority")
                ? "?patient=" + patient + filters : "?" + (filters.isEmpty() ? "" : filters.substring(1));
        VigilClient.Response listed = caregiver.get("/api/v1/alerts" + query);
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        List<JsonNode> alerts = new ArrayList<>();
        listed.json().forEach(alerts::add);
        return alerts;
    }
}
