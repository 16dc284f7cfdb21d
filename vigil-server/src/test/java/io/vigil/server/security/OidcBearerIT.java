package io.vigil.server.security;

import static io.vigil.server.security.TestIdentityProvider.keycloakUser;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.server.Databases;
import io.vigil.server.VigilClient;
import io.vigil.server.WardFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

    private final HttpClient http = HttpClient.newHttpClient();
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
        HttpResponse<String> rest = get("/api/v1/patients", bearer(clinicianToken), null);
        HttpResponse<String> fhir = get("/fhir/Patient", bearer(clinicianToken), FHIR_JSON);
        HttpResponse<String> one = get("/fhir/Patient/" + patient, bearer(idp.es256(keycloakUser(doctor,
                List.of("vigil-clinician"), List.of("ward-a")))), FHIR_JSON);

        assertThat(rest.statusCode()).as(rest.body()).isEqualTo(200);
        assertThat(rest.body()).contains(patient);
        assertThat(fhir.statusCode()).as(fhir.body()).isEqualTo(200);
        assertThat(json(fhir).get("resourceType").asText()).isEqualTo("Bundle");
        assertThat(one.statusCode()).as("ES256 token").isEqualTo(200);
        assertThat(List.of(rest, fhir, one)).as("stateless: no session cookie")
                .allSatisfy(r -> assertThat(r.headers().allValues("Set-Cookie")).isEmpty());
    }

    @Test
    void expiredToken_401_problemJsonOnApi_operationOutcomeOnFhir_bearerChallenge() {
        String expired = idp.rs256(keycloakUser(doctor, List.of("vigil-clinician"), List.of("ward-a"))
                .andThen(c -> c.issueTime(ago(900)).expirationTime(ago(300))));

        HttpResponse<String> rest = get("/api/v1/patients", bearer(expired), null);
        HttpResponse<String> fhir = get("/fhir/Patient", bearer(expired), FHIR_JSON);

        assertThat(rest.statusCode()).isEqualTo(401);
        assertThat(rest.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(json(rest).get("code").asText()).isEqualTo("VIGIL-1330");
        assertThat(rest.headers().firstValue("WWW-Authenticate").orElse(""))
                .startsWith("Bearer ").contains("error=\"invalid_token\"").contains("expired");
        assertThat(fhir.statusCode()).isEqualTo(401);
        assertThat(json(fhir).get("resourceType").asText()).isEqualTo("OperationOutcome");
        assertThat(json(fhir).at("/issue/0/details/coding/0/code").asText()).isEqualTo("VIGIL-1330");
        assertThat(fhir.headers().firstValue("WWW-Authenticate").orElse("")).contains("error=\"invalid_token\"");
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
            HttpResponse<String> answer = get("/api/v1/patients/" + patient, bearer(token), null);
            assertThat(answer.statusCode()).as(kind).isEqualTo(401);
            assertThat(json(answer).get("code").asText()).as(kind).isEqualTo("VIGIL-1330");
            assertThat(answer.headers().firstValue("WWW-Authenticate").orElse("")).as(kind).contains("invalid_token");
        });
    }

    @Test
    void unitsClaim_decidesWhichPatientsTheTokenSees() {
        String otherWard = idp.rs256(keycloakUser(doctor, List.of("vigil-clinician"), List.of("ward-b")));

        HttpResponse<String> inUnit = get("/api/v1/patients/" + patient + "/shares", bearer(clinicianToken), null);
        HttpResponse<String> outOfUnit = get("/api/v1/patients/" + patient + "/shares", bearer(otherWard), null);

        assertThat(inUnit.statusCode()).as(inUnit.body()).isEqualTo(200);
        assertThat(outOfUnit.statusCode()).as("another unit's patient is not found").isEqualTo(404);
    }

    @Test
    void caregiverToken_mayReadButNotAdmit() {
        String caregiver = idp.rs256(keycloakUser("carer-1", List.of("caregiver"), List.of()));

        HttpResponse<String> admit = send("POST", "/api/v1/patients", bearer(caregiver), Map.of("mrn", "MRN-X",
                "name", Map.of("given", "Test", "family", "Refused"), "birthDate", "1950-01-01", "sex", "female",
                "unit", "ward-a"));

        assertThat(admit.statusCode()).isEqualTo(403);
        assertThat(json(admit).get("code").asText()).isEqualTo("VIGIL-1111");
        assertThat(get("/api/v1/patients", bearer(caregiver), null).statusCode()).isEqualTo(200);
    }

    @Test
    void tokenWithoutAVigilRole_authenticatedButAllowedNothing() {
        String roleless = idp.rs256(keycloakUser("visitor", List.of("offline_access", "uma_authorization"), List.of("ward-a")));

        HttpResponse<String> rest = get("/api/v1/patients", bearer(roleless), null);
        HttpResponse<String> fhir = get("/fhir/Patient", bearer(roleless), FHIR_JSON);

        assertThat(rest.statusCode()).isEqualTo(403);
        assertThat(json(rest).get("code").asText()).isEqualTo("VIGIL-1331");
        assertThat(fhir.statusCode()).isEqualTo(403);
        assertThat(json(fhir).at("/issue/0/details/coding/0/code").asText()).isEqualTo("VIGIL-1331");
    }

    @Test
    void integrationToken_readsButCannotAcknowledgeAlertsChooseScaleOrAdminister() {
        WardFixture.Bedside bed = ward.bedside("ward-a");
        assertThat(VigilClient.device(httpPort, bed.secret()).post("/api/v1/devices/" + bed.deviceId() + "/measurements",
                "{\"values\": {\"heart-rate\": 150}}").status()).isEqualTo(201);
        String feed = idp.rs256(keycloakUser("svc-hl7-feed", List.of("vigil-interface"), List.of("ward-a")));
        String alert = awaitAlert(bed.patient(), feed);

        HttpResponse<String> ack = send("POST", "/api/v1/alerts/" + alert + "/ack", bearer(feed), Map.of("reason", "auto"));
        assertThat(ack.statusCode()).as(ack.body()).isEqualTo(403);
        assertThat(json(ack).get("code").asText()).isEqualTo("VIGIL-1111");
        assertThat(send("POST", "/api/v1/alerts/" + alert + "/resolve", bearer(feed), Map.of()).statusCode()).isEqualTo(403);
        assertThat(send("PUT", "/api/v1/patients/" + bed.patient() + "/news2-scale", bearer(feed), Map.of("scale", 2))
                .statusCode()).isEqualTo(403);
        assertThat(send("POST", "/api/v1/devices", bearer(feed), Map.of("id", "mon-x", "type", "vital-signs-monitor"))
                .statusCode()).isEqualTo(403);
        assertThat(get("/api/v1/audit", bearer(feed), null).statusCode()).isEqualTo(403);
        assertThat(get("/fhir/Observation?subject=Patient/" + bed.patient(), bearer(feed), FHIR_JSON).statusCode()).isEqualTo(200);

        HttpResponse<String> clinicianAck = send("POST", "/api/v1/alerts/" + alert + "/ack", bearer(clinicianToken),
                Map.of("reason", "Reviewed at the bedside"));
        assertThat(clinicianAck.statusCode()).as(clinicianAck.body()).isEqualTo(200);
        assertThat(json(clinicianAck).get("acknowledgedBy").asText()).isEqualTo(doctor);
    }

    @Test
    void basicStillWorks_andAnonymousIsOfferedBothSchemes() {
        HttpResponse<String> basic = get("/api/v1/patients/" + patient, basic("clinician", WardFixture.PASSWORD), null);
        HttpResponse<String> anonymous = get("/api/v1/patients/" + patient, null, null);

        assertThat(basic.statusCode()).isEqualTo(200);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(json(anonymous).get("code").asText()).isEqualTo("VIGIL-1110");
        assertThat(anonymous.headers().allValues("WWW-Authenticate"))
                .anySatisfy(h -> assertThat(h).startsWith("Basic "))
                .anySatisfy(h -> assertThat(h).startsWith("Bearer "));
        assertThat(get("/api/v1/patients", basic("clinician", "wrong-password"), null).statusCode()).isEqualTo(401);
    }

    @Test
    void deviceSecretAsBearer_onIngest_stillTheDevicesOwnCheck() {
        WardFixture.Bedside bed = ward.bedside("ward-a");
        String reading = "{\"values\": {\"heart-rate\": 72}}";

        HttpResponse<String> stored = send("POST", "/api/v1/devices/" + bed.deviceId() + "/measurements",
                bearer(bed.secret()), reading);
        HttpResponse<String> jwtAsDevice = send("POST", "/api/v1/devices/" + bed.deviceId() + "/measurements",
                bearer(clinicianToken), reading);

        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(201);
        assertThat(jwtAsDevice.statusCode()).as("a user's token is no device secret").isEqualTo(401);
        assertThat(json(jwtAsDevice).get("code").asText()).isEqualTo("VIGIL-1101");
    }

    @Test
    void audit_recordsTheTokensUserAndRole_andRefusedTokensWithoutTheToken() {
        assertThat(get("/api/v1/patients/" + patient, bearer(clinicianToken), null).statusCode()).isEqualTo(200);
        String expired = idp.rs256(keycloakUser(doctor, List.of("vigil-clinician"), List.of("ward-a"))
                .andThen(c -> c.issueTime(ago(900)).expirationTime(ago(300))));
        assertThat(get("/api/v1/patients/" + patient, bearer(expired), null).statusCode()).isEqualTo(401);

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
        Awaitility.await().atMost(WAIT).until(() -> json(get("/api/v1/alerts?patient=" + patientId, bearer(token), null)).size() == 1);
        return json(get("/api/v1/alerts?patient=" + patientId, bearer(token), null)).get(0).get("id").asText();
    }

    private List<JsonNode> events(String query) {
        VigilClient.Response listed = ward.admin().get("/api/v1/audit" + query);
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        List<JsonNode> events = new ArrayList<>();
        listed.json().forEach(events::add);
        return events;
    }

    private static String basic(String user, String password) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    private static Date ago(long seconds) {
        return Date.from(Instant.now().minusSeconds(seconds));
    }

    private HttpResponse<String> get(String path, String authorization, String accept) {
        HttpRequest.Builder request = request(path, authorization).GET();
        if (accept != null) {
            request.header("Accept", accept);
        }
        return exchange(request);
    }

    private HttpResponse<String> send(String method, String path, String authorization, Object body) {
        try {
            String text = body instanceof String s ? s : VigilClient.JSON.writeValueAsString(body);
            return exchange(request(path, authorization).header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(text)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpRequest.Builder request(String path, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request;
    }

    private HttpResponse<String> exchange(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return VigilClient.JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
    }
}
