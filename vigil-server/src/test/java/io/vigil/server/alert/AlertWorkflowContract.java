package io.vigil.server.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.analytics.alert.AlertCategory;
import io.vigil.analytics.alert.AlertPriority;
import io.vigil.analytics.alert.AlertRule;
import io.vigil.analytics.alert.ConditionEvent;
import io.vigil.server.BedsideContract;
import io.vigil.server.VigilClient;
import io.vigil.server.WardFixture;
import io.vigil.server.audit.AuditTrail;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The alert workflow end to end: readings through the device HTTP endpoint raise, deduplicate and
 * resolve limit alerts; clinicians acknowledge them with a reason over REST. Subclasses pick H2 or PostgreSQL.
 */
abstract class AlertWorkflowContract extends BedsideContract {
    private static final Duration WAIT = Duration.ofSeconds(10);

    Instant start;

    @Autowired
    AlertConditions conditions;

    @Autowired
    AuditTrail audit;

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

    @Test
    void sameConditionFromTwoDevices_oneAlert() {
        String second = "second-" + UUID.randomUUID().toString().substring(0, 8);
        String secondSecret = ward.device(second, "vital-signs-monitor");
        ward.assign(second, patient, start.minus(1, ChronoUnit.DAYS), null);
        VigilClient other = VigilClient.device(httpPort, secondSecret);

        send(device, deviceId, 0, Map.of("heart-rate", 150));
        send(other, second, 1, Map.of("heart-rate", 152));

        JsonNode alert = awaitOnlyAlert(a -> a.get("count").asInt() == 2);
        assertThat(alert.get("rule").asText()).isEqualTo("heart-rate-high");
        assertThat(alert.get("category").asText()).isEqualTo("physiological");
    }

    @Test
    void sameConditionReportedConcurrently_oneAlertCountingEveryReport() throws Exception {
        AlertRule rule = new AlertRule("concurrent-" + UUID.randomUUID().toString().substring(0, 8), "heart-rate",
                AlertPriority.HIGH, AlertCategory.TECHNICAL);
        int reporters = 6;
        ExecutorService pool = Executors.newFixedThreadPool(reporters);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> reports = new ArrayList<>();
        for (int i = 0; i < reporters; i++) {
            int n = i;
            reports.add(pool.submit(() -> {
                go.await();
                conditions.report(new ConditionEvent.Raised(rule, patient, 140 + n, start.plusSeconds(n)));
                return null;
            }));
        }
        go.countDown();
        for (Future<?> report : reports) {
            report.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();

        VigilClient.Response listed = clinician.get("/api/v1/alerts?patient=" + patient + "&rule=" + rule.id());
        assertThat(listed.json()).singleElement().satisfies(a -> {
            assertThat(a.get("count").asInt()).isEqualTo(reporters);
            assertThat(a.get("category").asText()).isEqualTo("technical");
        });
    }

    @Test
    void acknowledgedByEachPerson_snoozedResolved_historyAndAuditShowWhoAndWhen() {
        String nurse = "nurse-" + UUID.randomUUID().toString().substring(0, 8);
        VigilClient admin = ward.admin();
        assertThat(admin.post("/api/v1/users", Map.of("username", nurse, "password", WardFixture.PASSWORD,
                "roles", List.of("clinician"))).status()).isEqualTo(201);
        List<String> members = new ArrayList<>(List.of(nurse));
        for (JsonNode team : admin.get("/api/v1/care-teams").json()) {
            if (team.get("id").asText().equals("ward-a-team")) {
                team.get("members").forEach(m -> members.add(m.asText()));
            }
        }
        assertThat(admin.put("/api/v1/care-teams/ward-a-team", Map.of("name", "Ward A team", "units", List.of("ward-a"),
                "members", members)).status()).isEqualTo(200);
        VigilClient nurseClient = VigilClient.user(httpPort, nurse, WardFixture.PASSWORD);
        send(device, deviceId, 0, Map.of("heart-rate", 150));
        String id = awaitOnlyAlert(a -> true).get("id").asText();
        String path = "/api/v1/alerts/" + id;
        assertThat(clinician.get("/api/v1/alerts/ack-reasons").json().get("reasons")).isNotEmpty();

        VigilClient.Response tooLong = clinician.post(path + "/snooze", Map.of("minutes", 45));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().get("code").asText()).isEqualTo("VIGIL-1500");
        assertThat(clinician.post(path + "/snooze", Map.of()).status()).isEqualTo(400);
        assertThat(caregiver.post(path + "/snooze", Map.of("minutes", 5)).status()).isEqualTo(403);
        VigilClient.Response snoozed = clinician.post(path + "/snooze", Map.of("minutes", 10));
        assertThat(snoozed.status()).as(snoozed.body()).isEqualTo(200);
        assertThat(snoozed.json().get("snoozed").asBoolean()).isTrue();

        assertThat(clinician.post(path + "/ack", Map.of("reason", "Attending to patient")).status()).isEqualTo(200);
        VigilClient.Response second = nurseClient.post(path + "/ack", Map.of("reason", "Covering bay 3"));
        assertThat(second.status()).as(second.body()).isEqualTo(200);
        assertThat(second.json().get("acknowledgedBy").asText()).as("the first acknowledgement stays").isEqualTo("clinician");
        assertThat(second.json().get("snoozed").asBoolean()).as("acknowledging ends the snooze").isFalse();
        assertThat(nurseClient.post(path + "/ack", Map.of("reason", "again")).status()).isEqualTo(409);
        assertThat(clinician.post(path + "/resolve", Map.of()).status()).isEqualTo(200);

        JsonNode detail = caregiver.get(path).json();
        assertThat(detail.at("/alert/state").asText()).isEqualTo("resolved");
        List<String> history = new ArrayList<>();
        detail.get("history").forEach(t -> history.add(t.get("action").asText() + " by " + t.get("actor").asText()));
        assertThat(history).containsExactly("raised by system", "snoozed by clinician", "acknowledged by clinician",
                "acknowledged by " + nurse, "resolved by clinician");
        List<String> acks = new ArrayList<>();
        detail.get("acknowledgements").forEach(a -> acks.add(a.get("user").asText() + ": " + a.get("reason").asText()));
        assertThat(acks).containsExactlyInAnyOrder("clinician: Attending to patient", nurse + ": Covering bay 3");

        audit.write();
        List<String> audited = audit.search(patient, null, null, null, 100).stream()
                .filter(r -> r.event().action().startsWith("alert.") && id.equals(r.event().resourceId()))
                .map(r -> r.event().action() + " by " + r.event().actor()).toList();
        assertThat(audited).containsExactlyInAnyOrder("alert.raised by system", "alert.snoozed by clinician",
                "alert.acknowledged by clinician", "alert.acknowledged by " + nurse, "alert.resolved by clinician");
        assertThat(audit.verify().valid()).isTrue();
    }

    @Test
    void filters_categoryUnitRuleSince() {
        send(device, deviceId, 0, Map.of("heart-rate", 150));
        awaitOnlyAlert(a -> true);
        String mine = "/api/v1/alerts?patient=" + patient;

        assertThat(clinician.get(mine + "&category=physiological&unit=ward-a&rule=heart-rate-high").json()).hasSize(1);
        assertThat(clinician.get(mine + "&category=technical").json()).isEmpty();
        assertThat(clinician.get(mine + "&unit=ward-b").json()).isEmpty();
        assertThat(clinician.get(mine + "&rule=heart-rate-high&since=" + start.plusSeconds(60)).json()).isEmpty();
        assertThat(clinician.get(mine + "&rule=heart-rate-high&since=" + start).json()).hasSize(1);
        assertThat(clinician.get(mine + "&category=nuisance").status()).isEqualTo(400);
        assertThat(clinician.get(mine + "&since=yesterday").status()).isEqualTo(400);
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

    /** The patient's limit alerts (NEWS2, computed from the same readings, raises its own: not these tests' subject). */
    private List<JsonNode> alerts(String filters) {
        String query = filters.startsWith("&state") || filters.startsWith("&priority")
                ? "?patient=" + patient + filters : "?" + (filters.isEmpty() ? "" : filters.substring(1));
        VigilClient.Response listed = caregiver.get("/api/v1/alerts" + query);
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        List<JsonNode> alerts = new ArrayList<>();
        listed.json().forEach(a -> {
            if (!a.get("measurement").asText().equals("news2")) {
                alerts.add(a);
            }
        });
        return alerts;
    }
}
