package io.vigil.server.security;

import static io.vigil.server.security.TestIdentityProvider.keycloakUser;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.server.Databases;
import io.vigil.server.VigilClient;
import io.vigil.server.WardFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * OIDC resource-server mode end to end: a test identity provider (keys generated here, JWKS served by a real HTTP
 * server) issues Keycloak-shaped tokens; Vigil's real HTTP surfaces accept them next to HTTP Basic and device
 * secrets, refuse every kind of bad token with 401, and apply the roles the tokens carry.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "vigil.mqtt.port=0", "vigil.demo.password=" + WardFixture.PASSWORD, "vigil.demo.enabled=false",
        "vigil.security.oidc.enabled=true", "vigil.security.oidc.audience=" + TestIdentityProvider.AUDIENCE,
        "vigil.security.oidc.roles-claim=realm_access.roles",
        "vigil.security.oidc.role-mapping.vigil-clinician=clinician",
        "vigil.security.oidc.role-mapping.vigil-interface=integration"})
class OidcBearerIT {
    private static final String FHIR_JSON = "application/fhir+json";
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final TestIdentityProvider idp = TestIdentityProvider.start();

    @DynamicPropertySource
    static void identityProviderAndDatabase(DynamicPropertyRegistry registry) {
        Databases.h2(registry);
        registry.add("vigil.security.oidc.issuer-uri", idp::issuer);
        registry.add("vigil.security.oidc.jwk-set-uri", idp::jwkSetUri);
    }

    @AfterAll
    static void stopIdentityProvider() {
        idp.close();
    }

    @LocalServerPort
    int httpPort;

    WardFixture ward;
    String patient;
    String doctor;
    String clinicianToken;

    @BeforeEach
    void wardAndClinician() {
        ward = new WardFixture(httpPort);
        patient = ward.patient("ward-a");
        doctor = "dr-" + UUID.randomUUID().toString().substring(0, 8);
        clinicianToken = idp.rs256(keycloakUser(doctor, List.of("offline_access", "vigil-clinician"), List.of("ward-a")));
    }

    @Test
    void clinicianToken_readsRestAndFhir_withoutASession() {
        VigilClient.Response rest = bearer(clinicianToken).get("/api/v1/patients");
        VigilClient.Response fhir = bearer(clinicianToken).get("/fhir/Patient", FHIR_JSON);
        VigilClient.Response one = bearer(idp.es256(keycloakUser(doctor,
                List.of("vigil-clinician"), List.of("ward-a")))).get("/fhir/Patient/" + patient, FHIR_JSON);

        assertThat(rest.status()).as(rest.body()).isEqualTo(200);
        assertThat(rest.body()).contains(patient);
        assertThat(fhir.status()).as(fhir.body()).isEqualTo(200);
        assertThat(fhir.json().get("resourceType").asText()).isEqualTo("Bundle");
        assertThat(one.status()).as("ES256 token").isEqualTo(200);
        assertThat(List.of(rest, fhir, one)).as("stateless: no session cookie")
                .allSatisfy(r -> assertThat(r.header("Set-Cookie")).isEmpty());
    }

    @Test
    void expiredToken_401_problemJsonOnApi_operationOutcomeOnFhir_bearerChallenge() {
        String expired = idp.rs256(keycloakUser(doctor, List.of("vigil-clinician"), List.of("ward-a"))
                .andThen(c -> c.issueTime(ago(900)).expirationTime(ago(300))));

        VigilClient.Response rest = bearer(expired).get("/api/v1/patients");
        VigilClient.Response fhir = bearer(expired).get("/fhir/Patient", FHIR_JSON);

        assertThat(rest.status()).isEqualTo(401);
        assertThat(rest.contentType()).startsWith("application/problem+json");
        assertThat(rest.json().get("code").asText()).isEqualTo("VIGIL-1330");
        assertThat(rest.header("WWW-Authenticate").getFirst())
                .startsWith("Bearer ").contains("error=\"invalid_token\"").contains("expired");
        assertThat(fhir.status()).isEqualTo(401);
        assertThat(fhir.json().get("resourceType").asText()).isEqualTo("OperationOutcome");
        assertThat(fhir.json().at("/issue/0/details/coding/0/code").asText()).isEqualTo("VIGIL-1330");
        assertThat(fhir.header("WWW-Authenticate").getFirst()).contains("error=\"invalid_token\"");
        assertThat(rest.body() + fhir.body()).doesNotContain(expired.substring(expired.lastIndexOf('.') + 1));
    }

    @Test
    void wrongAudience_wrongIssuer_foreignKey_algNone_algorithmConfusion_each401() {
        var clinician = keycloakUser(doctor, List.of("vigil-clinician"), List.of("ward-a"));
        Map<String, String> forged = Map.of(
                "wrong audience", idp.rs256(clinician.andThen(c -> c.audience("another-app"))),
                "wrong issuer", idp.rs256(clinician.andThen(c -> c.issuer("https://idp.invalid/realms/vigil"))),
                "signed by another key", idp.rs256WithAnotherKey(clinician),
                "alg none", idp.unsigned(clinician),
                "HS256 keyed with the public key", idp.hs256WithPublicKey(clinician),
                "not a JWT", "a-device-secret-not-a-jwt");

        forged.forEach((kind, token) -> {
            VigilClient.Response answer = bearer(token).get("/api/v1/patients/" + patient);
            assertThat(answer.status()).as(kind).isEqualTo(401);
            assertThat(answer.json().get("code").asText()).as(kind).isEqualTo("VIGIL-1330");
            assertThat(answer.header("WWW-Authenticate").getFirst()).as(kind).contains("invalid_token");
        });
    }

    @Test
    void unitsClaim_decidesWhichPatientsTheTokenSees_restAndFhir() {
        String otherWard = idp.rs256(keycloakUser(doctor, List.of("vigil-clinician"), List.of("ward-b")));

        VigilClient.Response inUnit = bearer(clinicianToken).get("/api/v1/patients/" + patient + "/shares");
        VigilClient.Response outOfUnit = bearer(otherWard).get("/api/v1/patients/" + patient + "/shares");

        assertThat(inUnit.status()).as(inUnit.body()).isEqualTo(200);
        assertThat(outOfUnit.status()).as("another unit's patient is not found").isEqualTo(404);

        String feedWardA = idp.rs256(keycloakUser("svc-a", List.of("vigil-interface"), List.of("ward-a")));
        String feedWardB = idp.rs256(keycloakUser("svc-b", List.of("vigil-interface"), List.of("ward-b")));
        assertThat(bearer(feedWardA).get("/api/v1/patients/" + patient).status()).isEqualTo(200);
        assertThat(bearer(feedWardA).get("/fhir/Patient/" + patient, FHIR_JSON).status()).isEqualTo(200);
        assertThat(bearer(feedWardB).get("/api/v1/patients/" + patient).status()).isEqualTo(404);
        assertThat(bearer(feedWardB).get("/fhir/Patient/" + patient, FHIR_JSON).status()).isEqualTo(404);
        assertThat(bearer(feedWardB).get("/fhir/Patient?_id=" + patient, FHIR_JSON).json().get("total").asInt()).isZero();
    }

    @Test
    void caregiverToken_mayReadButNotAdmit() {
        String caregiver = idp.rs256(keycloakUser("carer-1", List.of("caregiver"), List.of()));

        VigilClient.Response admit = bearer(caregiver).post("/api/v1/patients", Map.of("mrn", "MRN-X",
                "name", Map.of("given", "Test", "family", "Refused"), "birthDate", "1950-01-01", "sex", "female",
                "unit", "ward-a"));

        assertThat(admit.status()).isEqualTo(403);
        assertThat(admit.json().get("code").asText()).isEqualTo("VIGIL-1111");
        assertThat(bearer(caregiver).get("/api/v1/patients").status()).isEqualTo(200);
    }

    @Test
    void tokenWithoutAVigilRole_authenticatedButAllowedNothing() {
        String roleless = idp.rs256(keycloakUser("visitor", List.of("offline_access", "uma_authorization"), List.of("ward-a")));

        VigilClient.Response rest = bearer(roleless).get("/api/v1/patients");
        VigilClient.Response fhir = bearer(roleless).get("/fhir/Patient", FHIR_JSON);

        assertThat(rest.status()).isEqualTo(403);
        assertThat(rest.json().get("code").asText()).isEqualTo("VIGIL-1331");
        assertThat(fhir.status()).isEqualTo(403);
        assertThat(fhir.json().at("/issue/0/details/coding/0/code").asText()).isEqualTo("VIGIL-1331");
    }

    @Test
    void integrationToken_readsButCannotAcknowledgeAlertsChooseScaleOrAdminister() {
        WardFixture.Bedside bed = ward.bedside("ward-a");
        assertThat(VigilClient.device(httpPort, bed.secret()).post("/api/v1/devices/" + bed.deviceId() + "/measurements",
                "{\"values\": {\"heart-rate\": 150}}").status()).isEqualTo(201);
        String feed = idp.rs256(keycloakUser("svc-hl7-feed", List.of("vigil-interface"), List.of("ward-a")));
        String alert = awaitAlert(bed.patient(), feed);

        VigilClient.Response ack = bearer(feed).post("/api/v1/alerts/" + alert + "/ack", Map.of("reason", "auto"));
        assertThat(ack.status()).as(ack.body()).isEqualTo(403);
        assertThat(ack.json().get("code").asText()).isEqualTo("VIGIL-1111");
        assertThat(bearer(feed).post("/api/v1/alerts/" + alert + "/resolve", Map.of()).status()).isEqualTo(403);
        assertThat(bearer(feed).put("/api/v1/patients/" + bed.patient() + "/news2-scale", Map.of("scale", 2))
                .status()).isEqualTo(403);
        assertThat(bearer(feed).post("/api/v1/devices", Map.of("id", "mon-x", "type", "vital-signs-monitor"))
                .status()).isEqualTo(403);
        assertThat(bearer(feed).get("/api/v1/audit").status()).isEqualTo(403);
        assertThat(bearer(feed).get("/fhir/Observation?subject=Patient/" + bed.patient(), FHIR_JSON).status()).isEqualTo(200);

        VigilClient.Response clinicianAck = bearer(clinicianToken).post("/api/v1/alerts/" + alert + "/ack", Map.of("reason", "Reviewed at the bedside"));
        assertThat(clinicianAck.status()).as(clinicianAck.body()).isEqualTo(200);
        assertThat(clinicianAck.json().get("acknowledgedBy").asText()).isEqualTo(doctor);
    }

    @Test
    void basicStillWorks_andAnonymousIsOfferedBothSchemes() {
        VigilClient.Response basic = VigilClient.user(httpPort, "clinician", WardFixture.PASSWORD).get("/api/v1/patients/" + patient);
        VigilClient.Response anonymous = VigilClient.anonymous(httpPort).get("/api/v1/patients/" + patient);

        assertThat(basic.status()).isEqualTo(200);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().get("code").asText()).isEqualTo("VIGIL-1110");
        assertThat(anonymous.header("WWW-Authenticate"))
                .anySatisfy(h -> assertThat(h).startsWith("Basic "))
                .anySatisfy(h -> assertThat(h).startsWith("Bearer "));
        assertThat(VigilClient.user(httpPort, "clinician", "wrong-password").get("/api/v1/patients").status()).isEqualTo(401);
    }

    @Test
    void deviceSecretAsBearer_onIngest_stillTheDevicesOwnCheck() {
        WardFixture.Bedside bed = ward.bedside("ward-a");
        String reading = "{\"values\": {\"heart-rate\": 72}}";

        VigilClient.Response stored = bearer(bed.secret()).post("/api/v1/devices/" + bed.deviceId() + "/measurements", reading);
        VigilClient.Response jwtAsDevice = bearer(clinicianToken).post("/api/v1/devices/" + bed.deviceId() + "/measurements", reading);

        assertThat(stored.status()).as(stored.body()).isEqualTo(201);
        assertThat(jwtAsDevice.status()).as("a user's token is no device secret").isEqualTo(401);
        assertThat(jwtAsDevice.json().get("code").asText()).isEqualTo("VIGIL-1101");
    }

    @Test
    void audit_recordsTheTokensUserAndRole_andRefusedTokensWithoutTheToken() {
        assertThat(bearer(clinicianToken).get("/api/v1/patients/" + patient).status()).isEqualTo(200);
        String expired = idp.rs256(keycloakUser(doctor, List.of("vigil-clinician"), List.of("ward-a"))
                .andThen(c -> c.issueTime(ago(900)).expirationTime(ago(300))));
        assertThat(bearer(expired).get("/api/v1/patients/" + patient).status()).isEqualTo(401);

        Awaitility.await().atMost(WAIT).untilAsserted(() -> assertThat(events("?patient=" + patient + "&actor=" + doctor))
                .singleElement().satisfies(e -> {
                    assertThat(e.get("action").asText()).isEqualTo("patient.read");
                    assertThat(e.get("role").asText()).isEqualTo("clinician");
                    assertThat(e.get("outcome").asText()).isEqualTo("success");
                }));
        List<JsonNode> all = events("?limit=1000");
        assertThat(all).anySatisfy(e -> {
            assertThat(e.get("action").asText()).isEqualTo("login.failed");
            assertThat(e.get("request").asText()).isEqualTo("Bearer invalid_token");
        });
        String trail = all.toString();
        assertThat(trail).doesNotContain(expired.substring(expired.lastIndexOf('.') + 1))
                .doesNotContain(clinicianToken.substring(clinicianToken.lastIndexOf('.') + 1));
    }

    private String awaitAlert(String patientId, String token) {
        // the same reading also raises NEWS2's own alert: pick the limit's
        String query = "/api/v1/alerts?rule=heart-rate-high&patient=" + patientId;
        Awaitility.await().atMost(WAIT).until(() -> bearer(token).get(query).json().size() == 1);
        return bearer(token).get(query).json().get(0).get("id").asText();
    }

    private List<JsonNode> events(String query) {
        VigilClient.Response listed = ward.admin().get("/api/v1/audit" + query);
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        List<JsonNode> events = new ArrayList<>();
        listed.json().forEach(events::add);
        return events;
    }

    private VigilClient bearer(String token) {
        return VigilClient.bearer(httpPort, token);
    }

    private static Date ago(long seconds) {
        return Date.from(Instant.now().minusSeconds(seconds));
    }
}
