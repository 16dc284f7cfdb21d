package io.vigil.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.server.BedsideContract;
import io.vigil.server.Databases;
import io.vigil.server.MqttDevice;
import io.vigil.server.VigilClient;
import io.vigil.server.WardFixture;
import io.vigil.server.mqtt.EmbeddedBroker;
import io.vigil.server.web.EventStream;
import io.vigil.sim.PatientPhysiology;
import io.vigil.sim.Scenario;
import io.vigil.sim.Vitals;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Alert delivery end to end: the simulator's sepsis course published over MQTT raises NEWS2 alerts that reach a
 * clinician's event stream, a caregiver's alert-only subscription and a signed webhook on a real local HTTP server;
 * failing webhooks retry, end as dead letters and are replayed; a FHIR Subscription gets the alert as a Flag.
 */
class AlertDeliveryIT extends BedsideContract {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        Databases.h2(registry);
        registry.add("vigil.webhooks.first-retry", () -> "100ms");
        registry.add("vigil.webhooks.longest-retry-interval", () -> "200ms");
        registry.add("vigil.webhooks.give-up-after", () -> "1s");
        registry.add("vigil.webhooks.poll-every", () -> "100ms");
    }

    @Autowired
    EmbeddedBroker broker;

    String integration;
    VigilClient integrationClient;

    @BeforeEach
    void integrationAccountOnWardA() {
        integration = "integ-" + UUID.randomUUID().toString().substring(0, 8);
        VigilClient admin = ward.admin();
        assertThat(admin.post("/api/v1/users", Map.of("username", integration, "password", WardFixture.PASSWORD,
                "roles", List.of("integration"))).status()).isEqualTo(201);
        VigilClient.Response teams = admin.get("/api/v1/care-teams");
        List<String> members = new ArrayList<>();
        for (JsonNode team : teams.json()) {
            if (team.get("id").asText().equals("ward-a-team")) {
                team.get("members").forEach(m -> members.add(m.asText()));
            }
        }
        members.add(integration);
        assertThat(admin.put("/api/v1/care-teams/ward-a-team", Map.of("name", "Ward A team", "units", List.of("ward-a"),
                "members", members)).status()).isEqualTo(200);
        integrationClient = VigilClient.user(httpPort, integration, WardFixture.PASSWORD);
    }

    @Test
    void sepsisOverMqtt_news2HighReachesStreamSubscriberAndSignedWebhook() {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            VigilClient.Response hook = ward.admin().post("/api/v1/webhooks", Map.of("url", receiver.url(),
                    "owner", integration, "patient", patient, "minPriority", "high"));
            assertThat(hook.status()).as(hook.body()).isEqualTo(201);
            String secret = hook.json().get("secret").asText();
            assertThat(secret).startsWith("whsec_");
            VigilClient.Response subscription = caregiver.post("/api/v1/alert-subscriptions", Map.of("patient", patient));
            assertThat(subscription.status()).as(subscription.body()).isEqualTo(201);
            assertThat(subscription.json().get("minPriority").asText()).isEqualTo("high");

            try (EventStream clinicianStream = EventStream.open(httpPort, "/api/v1/alerts/stream?patient=" + patient,
                    "clinician", WardFixture.PASSWORD);
                 EventStream followerStream = EventStream.open(httpPort, "/api/v1/alerts/stream?subscribed=true",
                         "caregiver", WardFixture.PASSWORD)) {
                assertThat(clinicianStream.status()).as(clinicianStream.body()).isEqualTo(200);
                assertThat(followerStream.status()).isEqualTo(200);

                publishSepsisCourse();

                JsonNode streamed = nextAlert(clinicianStream, "news2-high", "raised");
                assertThat(streamed.at("/alert/patient").asText()).isEqualTo(patient);
                assertThat(streamed.at("/alert/priority").asText()).isEqualTo("high");
                assertThat(streamed.at("/alert/category").asText()).isEqualTo("physiological");
                assertThat(streamed.get("notifyRole").asText()).isEqualTo("bedside-nurse");

                JsonNode followed = nextAlert(followerStream, "news2-high", "raised");
                assertThat(followed.at("/alert/id").asText()).isEqualTo(streamed.at("/alert/id").asText());

                WebhookReceiver.Received delivered = receiver.await(r -> r.body().contains("\"news2-high\"")
                        && "alert.raised".equals(r.header(WebhookSignature.EVENT_HEADER)), WAIT);
                long timestamp = Long.parseLong(delivered.header(WebhookSignature.TIMESTAMP_HEADER));
                assertThat(Math.abs(Instant.now().getEpochSecond() - timestamp)).isLessThan(300);
                assertThat(WebhookSignature.verify(secret, timestamp, delivered.body(),
                        delivered.header(WebhookSignature.SIGNATURE_HEADER))).as("signature verifies").isTrue();
                assertThat(WebhookSignature.verify("whsec_wrong", timestamp, delivered.body(),
                        delivered.header(WebhookSignature.SIGNATURE_HEADER))).isFalse();
                assertThat(WebhookSignature.verify(secret, timestamp, delivered.body() + " ",
                        delivered.header(WebhookSignature.SIGNATURE_HEADER))).as("a changed body fails").isFalse();
            }
        }
        assertNews2HistoryAndFhir();
    }

    /** Every event on a subscribed stream is one the subscription selects: high priority, that patient. */
    @Test
    void subscribedStream_carriesOnlyTheFollowedPatientsHighPriorityAlerts() {
        WardFixture.Bedside other = ward.bedside("ward-a");
        ward.share(other.patient(), "caregiver");
        assertThat(caregiver.post("/api/v1/alert-subscriptions", Map.of("patient", patient)).status()).isEqualTo(201);
        VigilClient otherDevice = VigilClient.device(httpPort, other.secret());
        try (EventStream follower = EventStream.open(httpPort, "/api/v1/alerts/stream?subscribed=true", "caregiver",
                WardFixture.PASSWORD)) {
            Instant now = Instant.now();
            send(otherDevice, other.deviceId(), now, Map.of("heart-rate", 170));
            send(device, deviceId, now, Map.of("respiratory-rate", 22));
            send(device, deviceId, now.plusSeconds(1), Map.of("heart-rate", 165));

            JsonNode first = nextAlert(follower, null, null);
            assertThat(first.at("/alert/patient").asText()).isEqualTo(patient);
            assertThat(first.at("/alert/rule").asText()).isEqualTo("heart-rate-high");
        }
    }

    @Test
    void failingWebhook_retriedThenDeadLetter_replayDelivers() {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            receiver.answer(503);
            VigilClient.Response hook = integrationClient.post("/api/v1/webhooks", Map.of("url", receiver.url(),
                    "patient", patient, "minPriority", "high"));
            assertThat(hook.status()).as(hook.body()).isEqualTo(201);
            String hookId = hook.json().get("id").asText();

            send(device, deviceId, Instant.now(), Map.of("heart-rate", 160));

            await().atMost(WAIT).until(() -> deadLetters().stream()
                    .anyMatch(d -> d.get("webhookId").asText().equals(hookId)));
            JsonNode dead = deadLetters().stream().filter(d -> d.get("webhookId").asText().equals(hookId))
                    .findFirst().orElseThrow();
            assertThat(dead.get("attempts").asInt()).isGreaterThan(1);
            assertThat(dead.get("lastError").asText()).isEqualTo("HTTP 503");
            assertThat(dead.get("state").asText()).isEqualTo("dead");
            assertThat(caregiver.get("/api/v1/webhooks/dead-letters").status()).isEqualTo(403);
            assertThat(ward.admin().get("/api/v1/webhooks/dead-letters").json()).anySatisfy(
                    d -> assertThat(d.get("id")).isEqualTo(dead.get("id")));

            receiver.answer(200);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
            int code = WebhooksCommand.run(new String[] {"replay", dead.get("id").asText(), "--server",
                    "http://127.0.0.1:" + httpPort, "--user", integration}, Map.of("VIGIL_PASSWORD", WardFixture.PASSWORD),
                    new java.io.PrintStream(out), new java.io.PrintStream(err));
            assertThat(code).as(err.toString()).isZero();
            // queued again; the dispatcher may already have delivered it by the time the command prints it
            assertThat(out.toString()).containsAnyOf("\"state\":\"pending\"", "\"state\":\"delivered\"");
            WebhookReceiver.Received again = receiver.await(r -> dead.get("id").asText()
                    .equals(r.header(WebhookSignature.DELIVERY_HEADER)), WAIT);
            assertThat(again.body()).contains("heart-rate-high");
            await().atMost(WAIT).until(() -> deadLetters().stream().noneMatch(d -> d.get("id").equals(dead.get("id"))));
            VigilClient.Response notDead = integrationClient.post("/api/v1/webhooks/dead-letters/"
                    + dead.get("id").asText() + "/replay", Map.of());
            assertThat(notDead.status()).isEqualTo(409);
            assertThat(notDead.json().get("code").asText()).isEqualTo("VIGIL-1502");
        }
    }

    @Test
    void webhookApi_refusalsOwnershipAndSecretShownOnce() {
        assertThat(caregiver.post("/api/v1/webhooks", Map.of("url", "http://127.0.0.1:9/hook")).status()).isEqualTo(403);
        VigilClient.Response badUrl = integrationClient.post("/api/v1/webhooks", Map.of("url", "ftp://example.org/x"));
        assertThat(badUrl.status()).isEqualTo(400);
        assertThat(badUrl.json().get("code").asText()).isEqualTo("VIGIL-1501");
        VigilClient.Response noOwner = ward.admin().post("/api/v1/webhooks", Map.of("url", "http://127.0.0.1:9/hook"));
        assertThat(noOwner.status()).isEqualTo(400);
        VigilClient.Response created = integrationClient.post("/api/v1/webhooks", Map.of("url", "http://127.0.0.1:9/hook",
                "actions", List.of("raised")));
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asText();
        JsonNode listed = integrationClient.get("/api/v1/webhooks").json();
        assertThat(listed).anySatisfy(w -> {
            assertThat(w.get("id").asText()).isEqualTo(id);
            assertThat(w.get("secret").isNull()).as("the secret is shown once").isTrue();
        });
        assertThat(integrationClient.delete("/api/v1/webhooks/" + id).status()).isEqualTo(204);
        assertThat(integrationClient.delete("/api/v1/webhooks/" + id).status()).isEqualTo(204);
        assertThat(integrationClient.get("/api/v1/webhooks").json()).noneSatisfy(
                w -> assertThat(w.get("id").asText()).isEqualTo(id));
        assertThat(caregiver.post("/api/v1/alert-subscriptions", Map.of("patient", "nobody-" + UUID.randomUUID()))
                .status()).isEqualTo(404);
    }

    @Test
    void fhirSubscription_restHookReceivesTheAlertAsFlag() {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String subscription = """
                    {"resourceType": "Subscription", "status": "requested", "reason": "alerts",
                     "criteria": "Flag?patient=%s",
                     "channel": {"type": "rest-hook", "endpoint": "%s", "payload": "application/fhir+json",
                                 "header": ["Authorization: Bearer receiver-token"]}}""".formatted(patient, receiver.url());
            VigilClient.Response created = integrationClient.post("/fhir/Subscription", subscription,
                    "application/fhir+json");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            VigilClient.Response refused = integrationClient.post("/fhir/Subscription",
                    subscription.replace("Flag?patient", "DetectedIssue?patient"), "application/fhir+json");
            assertThat(refused.status()).isEqualTo(422);

            send(device, deviceId, Instant.now(), Map.of("spo2", 84));

            WebhookReceiver.Received flag = receiver.await(r -> r.body().contains("spo2-low"), WAIT);
            assertThat(flag.header("Authorization")).isEqualTo("Bearer receiver-token");
            assertThat(flag.header("Content-Type")).startsWith("application/fhir+json");
            JsonNode resource = VigilClient.JSON.readTree(flag.body());
            assertThat(resource.get("resourceType").asText()).isEqualTo("Flag");
            assertThat(resource.get("status").asText()).isEqualTo("active");
            assertThat(resource.at("/subject/reference").asText()).isEqualTo("Patient/" + patient);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    private void publishSepsisCourse() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant start = now.minus(Duration.ofMinutes(30));
        PatientPhysiology physiology = PatientPhysiology.random(7, Scenario.SEPSIS, Clock.systemUTC())
                .withScenarioStart(start);
        try (MqttDevice mqtt = MqttDevice.connect(broker.port(), deviceId, secret)) {
            for (int minute = 0; minute <= 30; minute += 3) {
                Vitals v = physiology.at(start.plus(Duration.ofMinutes(minute)));
                Map<String, Object> values = new LinkedHashMap<>();
                values.put("heart-rate", Math.round(v.heartRate()));
                values.put("respiratory-rate", Math.round(v.respiratoryRate()));
                values.put("spo2", Math.round(v.spo2()));
                values.put("body-temperature", Math.round(v.temperature() * 10) / 10.0);
                values.put("blood-pressure", Map.of("systolic", Math.round(v.systolic()),
                        "diastolic", Math.round(v.diastolic())));
                values.put("consciousness", v.consciousness());
                values.put("supplemental-oxygen", Math.round(v.supplementalOxygen()));
                String json = VigilClient.JSON.writeValueAsString(Map.of("time",
                        start.plus(Duration.ofMinutes(minute)).toString(), "values", values));
                assertThat(mqtt.publishMeasurements(json).success()).isTrue();
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    private void assertNews2HistoryAndFhir() {
        VigilClient.Response history = clinician.get("/api/v1/patients/" + patient + "/news2/history");
        assertThat(history.status()).as(history.body()).isEqualTo(200);
        assertThat(history.json().size()).isGreaterThan(1);
        JsonNode latest = history.json().get(0);
        assertThat(latest.get("total").asInt()).isGreaterThanOrEqualTo(7);
        assertThat(latest.get("basis").size()).isEqualTo(7);
        assertThat(caregiver.get("/api/v1/patients/nobody/news2/history").status()).isEqualTo(404);

        await().atMost(WAIT).until(() -> clinician.get("/fhir/RiskAssessment?patient=" + patient, "application/fhir+json")
                .json().get("entry").size() == clinician.get("/api/v1/patients/" + patient + "/news2/history").json().size() + 1);
        JsonNode risks = clinician.get("/fhir/RiskAssessment?patient=" + patient, "application/fhir+json").json();
        JsonNode kept = risks.get("entry").get(1).get("resource");
        assertThat(kept.get("id").asText()).startsWith("news2h-");
        assertThat(kept.get("basis").size()).isEqualTo(7);

        JsonNode flags = clinician.get("/fhir/Flag?patient=" + patient + "&status=active", "application/fhir+json").json();
        List<String> rules = new ArrayList<>();
        flags.get("entry").forEach(e -> rules.add(e.at("/resource/code/coding/0/code").asText()));
        assertThat(rules).contains("news2-high").doesNotContain("news2-medium");

        JsonNode alerts = clinician.get("/api/v1/alerts?patient=" + patient + "&rule=news2-medium").json();
        assertThat(alerts).allSatisfy(a -> {
            assertThat(a.get("state").asText()).as("medium cleared when high was raised").isEqualTo("resolved");
            assertThat(a.get("resolvedAutomatically").asBoolean()).isTrue();
        });
    }

    private List<JsonNode> deadLetters() {
        List<JsonNode> found = new ArrayList<>();
        integrationClient.get("/api/v1/webhooks/dead-letters").json().forEach(found::add);
        return found;
    }

    /**
     * The next alert event on the stream with this rule and action (null: any). A busy build machine may take a while;
     * when nothing comes, the failure says whether the alert was never raised or was raised but not streamed.
     */
    private JsonNode nextAlert(EventStream stream, String rule, String action) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            EventStream.Event event;
            try {
                event = stream.next(Duration.between(Instant.now(), deadline).plusMillis(1));
            } catch (AssertionError nothing) {
                break;
            }
            if (!event.name().equals("alert")) {
                continue;
            }
            try {
                JsonNode data = VigilClient.JSON.readTree(event.data());
                if ((rule == null || rule.equals(data.at("/alert/rule").asText()))
                        && (action == null || action.equals(data.get("action").asText()))) {
                    return data;
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("no " + rule + " " + action + " event on the stream; stored alerts: "
                + clinician.get("/api/v1/alerts?patient=" + patient).body() + "; NEWS2: "
                + clinician.get("/api/v1/patients/" + patient + "/news2").body());
    }

    private static void send(VigilClient client, String id, Instant time, Map<String, Object> values) {
        VigilClient.Response stored = client.post("/api/v1/devices/" + id + "/measurements",
                Map.of("time", time.toString(), "values", values));
        assertThat(stored.status()).as(stored.body()).isEqualTo(201);
    }
}
