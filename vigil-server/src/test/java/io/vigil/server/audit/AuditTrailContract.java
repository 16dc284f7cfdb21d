package io.vigil.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.server.VigilClient;
import io.vigil.server.WardFixture;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.awaitility.Awaitility;
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

    private List<JsonNode> events(String query) {
        VigilClient.Response listed = admin.get("/api/v1/audit" + query);
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        List<JsonNode> events = new ArrayList<>();
        listed.json().forEach(events::add);
        return events;
    }
}
