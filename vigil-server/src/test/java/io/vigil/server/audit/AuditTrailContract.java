package io.vigil.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.server.VigilClient;
import io.vigil.server.WardFixture;
import io.vigil.server.web.FormLogin;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The audit trail through the real HTTP surfaces: reads over REST and FHIR, failed logins, who may read the
 * trail, and the hash chain catching a tampered row. Subclasses pick H2 or PostgreSQL.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "vigil.mqtt.port=0", "vigil.demo.password=" + WardFixture.PASSWORD, "vigil.demo.enabled=false"})
abstract class AuditTrailContract {
    private static final String FHIR_JSON = "application/fhir+json";
    private static final java.time.Duration SETTLE = java.time.Duration.ofSeconds(5);

    @LocalServerPort
    int httpPort;
    @Autowired
    JdbcTemplate jdbc;

    VigilClient admin;
    VigilClient clinician;
    String mrn;
    String family;
    String patient;

    @BeforeEach
    void admitPatient() {
        admin = VigilClient.user(httpPort, "admin", WardFixture.PASSWORD);
        clinician = VigilClient.user(httpPort, "clinician", WardFixture.PASSWORD);
        mrn = "MRN-" + UUID.randomUUID().toString().substring(0, 8);
        family = "Audited-" + UUID.randomUUID().toString().substring(0, 8);
        VigilClient.Response created = admin.post("/api/v1/patients", Map.of("mrn", mrn,
                "name", Map.of("given", "Ada", "family", family), "birthDate", "1950-01-01", "sex", "female",
                "unit", "ward-a"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        patient = created.json().get("id").asText();
    }

    @Test
    void clinicianReadsPatient_restAndFhir_eachAuditedWithPatientIdAndActor() {
        assertThat(clinician.get("/api/v1/patients/" + patient).status()).isEqualTo(200);
        assertThat(clinician.get("/fhir/Patient/" + patient, FHIR_JSON).status()).isEqualTo(200);

        // A request is audited when it completes; HAPI may send its response a moment before that.
        Awaitility.await().atMost(SETTLE).untilAsserted(() -> assertThat(events("?patient=" + patient + "&actor=clinician"))
                .extracting(e -> e.get("request").asText())
                .containsExactlyInAnyOrder("GET /api/v1/patients/{id}", "GET /fhir/Patient/{id}"));
        List<JsonNode> reads = events("?patient=" + patient + "&actor=clinician");
        assertThat(reads).extracting(e -> e.get("action").asText()).containsOnly("patient.read");
        assertThat(reads).allSatisfy(e -> {
            assertThat(e.get("role").asText()).isEqualTo("clinician");
            assertThat(e.get("outcome").asText()).isEqualTo("success");
            assertThat(e.get("resourceId").asText()).isEqualTo(patient);
        });
        assertThat(events("?patient=" + patient + "&actor=admin"))
                .anySatisfy(e -> assertThat(e.get("action").asText()).isEqualTo("patient.create"));
    }

    @Test
    void observationSearchBySubject_auditedAsObservationSearchForThePatient() {
        assertThat(clinician.get("/fhir/Observation?subject=Patient/" + patient, FHIR_JSON).status()).isEqualTo(200);

        Awaitility.await().atMost(SETTLE).untilAsserted(() -> assertThat(events("?patient=" + patient + "&actor=clinician"))
                .anySatisfy(e -> {
                    assertThat(e.get("action").asText()).isEqualTo("observation.search");
                    assertThat(e.get("request").asText()).isEqualTo("GET /fhir/Observation?subject");
                }));
    }

    @Test
    void observationRead_auditedWithThePatientItsSubjectNames() {
        WardFixture ward = new WardFixture(httpPort);
        String deviceId = "mon-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = ward.device(deviceId, "vital-signs-monitor");
        ward.assign(deviceId, patient, Instant.now().minus(1, ChronoUnit.HOURS), null);
        VigilClient.Response stored = VigilClient.device(httpPort, secret)
                .post("/api/v1/devices/" + deviceId + "/measurements", "{\"values\": {\"heart-rate\": 72}}");
        assertThat(stored.status()).as(stored.body()).isEqualTo(201);
        String observation = stored.json().at("/observations/0").asText();

        assertThat(clinician.get("/fhir/Observation/" + observation, FHIR_JSON).status()).isEqualTo(200);

        Awaitility.await().atMost(SETTLE).untilAsserted(() -> assertThat(events("?patient=" + patient + "&actor=clinician"))
                .anySatisfy(e -> {
                    assertThat(e.get("action").asText()).isEqualTo("observation.read");
                    assertThat(e.get("resourceId").asText()).isEqualTo(observation);
                }));
        assertThat(events("?limit=1000")).as("ingest is not audited per message")
                .noneMatch(e -> e.get("request").asText().endsWith("/measurements"));
    }

    @Test
    void failedLogin_auditedAsLoginFailed() {
        String intruder = "mallory-" + UUID.randomUUID().toString().substring(0, 6);
        assertThat(VigilClient.user(httpPort, intruder, "guess").get("/api/v1/patients/" + patient).status())
                .isEqualTo(401);

        assertThat(events("?actor=" + intruder)).singleElement().satisfies(e -> {
            assertThat(e.get("action").asText()).isEqualTo("login.failed");
            assertThat(e.get("outcome").asText()).isEqualTo("denied");
        });
    }

    @Test
    void auditTrail_caregiver_isForbidden_andRefusalIsAudited() {
        VigilClient caregiver = VigilClient.user(httpPort, "caregiver", WardFixture.PASSWORD);
        assertThat(caregiver.get("/api/v1/audit").status()).isEqualTo(403);
        assertThat(caregiver.get("/api/v1/audit/verify").status()).isEqualTo(403);

        Awaitility.await().atMost(SETTLE).untilAsserted(() -> assertThat(events("?actor=caregiver")).anySatisfy(e -> {
            assertThat(e.get("action").asText()).isEqualTo("audit.search");
            assertThat(e.get("outcome").asText()).isEqualTo("denied");
        }));
    }

    @Test
    void auditRows_carryNoNamesOrMrns() {
        assertThat(clinician.get("/fhir/Patient?family=" + family, FHIR_JSON).status()).isEqualTo(200);
        assertThat(clinician.get("/fhir/Patient?identifier=" + mrn, FHIR_JSON).status()).isEqualTo(200);
        assertThat(clinician.get("/api/v1/patients/" + patient).status()).isEqualTo(200);

        String everything = admin.get("/api/v1/audit?limit=1000").body();
        assertThat(everything).contains(patient).doesNotContain(mrn).doesNotContain(family).doesNotContain("Ada");
        List<String> rows = jdbc.queryForList("SELECT actor || ' ' || action || ' ' || COALESCE(resource_id, '') || ' ' "
                + "|| COALESCE(patient_id, '') || ' ' || COALESCE(request, '') FROM audit_event", String.class);
        assertThat(rows).noneMatch(row -> row.contains(mrn) || row.contains(family));
    }

    @Test
    void verify_validChain_thenTamperedRow_reportsItsId() {
        assertThat(clinician.get("/api/v1/patients/" + patient).status()).isEqualTo(200);
        JsonNode valid = admin.get("/api/v1/audit/verify").json();
        assertThat(valid.get("valid").asBoolean()).as(valid.toString()).isTrue();
        assertThat(valid.get("events").asLong()).isPositive();

        JsonNode read = events("?patient=" + patient + "&actor=clinician").getFirst();
        long id = read.get("id").asLong();
        jdbc.update("UPDATE audit_event SET actor = 'someone-else' WHERE id = ?", id);
        try {
            JsonNode broken = admin.get("/api/v1/audit/verify").json();
            assertThat(broken.get("valid").asBoolean()).isFalse();
            assertThat(broken.get("brokenAt").asLong()).isEqualTo(id);
        } finally {
            jdbc.update("UPDATE audit_event SET actor = 'clinician' WHERE id = ?", id);
        }
        assertThat(admin.get("/api/v1/audit/verify").json().get("valid").asBoolean()).isTrue();
    }

    @Test
    void basicLogin_recordedOnceForRepeatedRequests_asLoginSucceeded() {
        List<JsonNode> before = events("?actor=clinician&limit=1000").stream()
                .filter(e -> e.get("action").asText().equals("login.succeeded")).toList();
        VigilClient fresh = VigilClient.user(httpPort, "clinician", WardFixture.PASSWORD);
        for (int i = 0; i < 3; i++) {
            assertThat(fresh.get("/api/v1/patients/" + patient).status()).isEqualTo(200);
        }

        Awaitility.await().atMost(SETTLE).untilAsserted(() -> assertThat(events("?actor=clinician&limit=1000"))
                .filteredOn(e -> e.get("action").asText().equals("patient.read")).hasSizeGreaterThanOrEqualTo(3));
        List<JsonNode> logins = events("?actor=clinician&limit=1000").stream()
                .filter(e -> e.get("action").asText().equals("login.succeeded")).toList();
        // The first Basic login of this user from this address is recorded (possibly by an earlier test); the
        // three requests above add none beyond it.
        assertThat(logins).hasSizeBetween(1, Math.max(1, before.size()));
        assertThat(logins.getFirst().get("severity").asText()).isEqualTo("low");
        assertThat(logins.getFirst().get("request").asText()).isEqualTo("Basic");
    }

    @Test
    void formLogin_pageView_logout_eachAudited_pageViewNamesTheUnit() throws Exception {
        String unit = "unit-" + UUID.randomUUID().toString().substring(0, 6);
        String viewer = "viewer-" + unit;
        assertThat(admin.post("/api/v1/users", Map.of("username", viewer, "password", WardFixture.PASSWORD,
                "roles", List.of("clinician"))).status()).isEqualTo(201);
        covers(unit, viewer);
        FormLogin browser = new FormLogin(httpPort).logIn(viewer, WardFixture.PASSWORD);
        HttpResponse<String> page = browser.client().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + httpPort + "/?unit=" + unit)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        browser.logOut();

        Awaitility.await().atMost(SETTLE).untilAsserted(() -> assertThat(events("?actor=" + viewer + "&limit=50"))
                .extracting(e -> e.get("action").asText()).contains("login.succeeded", "page.view", "logout"));
        List<JsonNode> recent = events("?actor=" + viewer + "&limit=50");
        assertThat(recent).filteredOn(e -> e.get("action").asText().equals("page.view")
                && unit.equals(e.get("resourceId").asText())).singleElement().satisfies(e -> {
            assertThat(e.get("resourceType").asText()).isEqualTo("unit");
            assertThat(e.get("resourceId").asText()).isEqualTo(unit);
            assertThat(e.get("role").asText()).isEqualTo("clinician");
            assertThat(e.get("request").asText()).isEqualTo("GET /");
        });
        assertThat(recent).filteredOn(e -> e.get("action").asText().equals("login.succeeded")).first()
                .satisfies(e -> assertThat(e.get("request").asText()).isEqualTo("POST /login"));
        // Newest first: the logout came after the page view, which came after the login.
        List<String> order = recent.stream().map(e -> e.get("action").asText()).toList();
        assertThat(order.indexOf("logout")).isLessThan(order.indexOf("page.view"));
        assertThat(order.indexOf("page.view")).isLessThan(order.indexOf("login.succeeded"));
    }

    @Test
    void wardStreamSubscription_auditedWithItsUnit() throws Exception {
        String unit = covers("unit-" + UUID.randomUUID().toString().substring(0, 6), "clinician");
        String basic = Base64.getEncoder().encodeToString(("clinician:" + WardFixture.PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<InputStream> stream = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort
                        + "/api/v1/stream/ward?unit=" + unit)).header("Authorization", "Basic " + basic)
                        .header("Accept", "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        stream.body().close();
        assertThat(stream.statusCode()).isEqualTo(200);

        Awaitility.await().atMost(SETTLE).untilAsserted(() -> assertThat(events("?actor=clinician&limit=100"))
                .anySatisfy(e -> {
                    assertThat(e.get("action").asText()).isEqualTo("ward.subscribe");
                    assertThat(e.get("resourceType").asText()).isEqualTo("unit");
                    assertThat(e.get("resourceId").asText()).isEqualTo(unit);
                }));
    }

    @Test
    void deviceChanges_areMediumSeverity_readsLow_refusalsMedium() {
        String deviceId = "sev-" + UUID.randomUUID().toString().substring(0, 8);
        new WardFixture(httpPort).device(deviceId, "vital-signs-monitor");
        assertThat(admin.post("/api/v1/devices/" + deviceId + "/secret", Map.of()).status()).isEqualTo(200);
        assertThat(clinician.get("/api/v1/patients/" + patient).status()).isEqualTo(200);
        VigilClient caregiver = VigilClient.user(httpPort, "caregiver", WardFixture.PASSWORD);
        assertThat(caregiver.get("/api/v1/audit").status()).isEqualTo(403);

        Awaitility.await().atMost(SETTLE).untilAsserted(() -> {
            assertThat(events("?actor=admin&limit=100")).filteredOn(e -> deviceId.equals(e.get("resourceId").asText()))
                    .extracting(e -> e.get("action").asText() + "/" + e.get("severity").asText())
                    .contains("device.register/medium", "device.secret.rotate/medium");
            assertThat(events("?patient=" + patient + "&actor=clinician")).first()
                    .satisfies(e -> assertThat(e.get("severity").asText()).isEqualTo("low"));
            assertThat(events("?actor=caregiver&limit=100")).filteredOn(e -> e.get("outcome").asText().equals("denied"))
                    .isNotEmpty().allSatisfy(e -> assertThat(e.get("severity").asText()).isEqualTo("medium"));
        });
    }

    private List<JsonNode> events(String query) {
        VigilClient.Response listed = admin.get("/api/v1/audit" + query);
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        List<JsonNode> events = new ArrayList<>();
        listed.json().forEach(events::add);
        return events;
    }

    /** Puts the user on a care team covering this (new) unit, so that its ward may be opened. */
    private String covers(String unit, String member) {
        assertThat(admin.post("/api/v1/care-teams", Map.of("id", "team-" + unit, "name", "Team of " + unit,
                "units", List.of(unit), "members", List.of(member))).status()).isEqualTo(201);
        return unit;
    }
}
