package io.vigil.server.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.server.Databases;
import io.vigil.server.VigilClient;
import io.vigil.server.WardFixture;
import io.vigil.server.web.FormLogin;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Users, care teams, shares and break-glass through REST, as an administrator and the people concerned see them.
 * Break-glass grants last 5 s here, so their expiry is seen.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "vigil.mqtt.port=0", "vigil.demo.password=" + WardFixture.PASSWORD, "vigil.demo.enabled=false",
        "vigil.access.break-glass-for=5s"})
class UserAdministrationIT {
    private static final String STRONG = "Night-shift-handover-7";
    private static final Duration SETTLE = Duration.ofSeconds(15);

    @LocalServerPort
    int httpPort;

    WardFixture ward;
    VigilClient admin;
    /** A care unit of this test alone. */
    String unit;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        Databases.h2(registry);
    }

    @BeforeEach
    void freshUnit() {
        ward = new WardFixture(httpPort);
        admin = ward.admin();
        unit = "ua-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void createUser_weakPassword_isRefusedWith1341_andAStrongOneIsAccepted() {
        String name = name("weak");
        for (String weak : List.of("short-1", "password1234", name + "-extra-long")) {
            VigilClient.Response refused = admin.post("/api/v1/users", Map.of("username", name, "password", weak,
                    "roles", List.of("clinician")));
            assertThat(refused.status()).as(weak).isEqualTo(400);
            assertThat(refused.json().get("code").asText()).isEqualTo("VIGIL-1341");
        }
        VigilClient.Response created = user(name, "clinician");
        assertThat(created.json().get("roles")).extracting(JsonNode::asText).containsExactly("clinician");
        assertThat(created.body()).doesNotContain(STRONG);
        assertThat(VigilClient.user(httpPort, "clinician", WardFixture.PASSWORD).get("/api/v1/users").status()).isEqualTo(403);
    }

    @Test
    void disabledUser_cannotLogIn_atOnce_evenRightAfterALogin() {
        String name = name("off");
        user(name, "clinician");
        VigilClient person = VigilClient.user(httpPort, name, STRONG);
        assertThat(person.get("/api/v1/alerts").status()).isEqualTo(200);

        assertThat(admin.patch("/api/v1/users/" + name, Map.of("enabled", false)).status()).isEqualTo(200);

        assertThat(person.get("/api/v1/alerts").status()).isEqualTo(401);
        assertThat(admin.patch("/api/v1/users/" + name, Map.of("enabled", true)).status()).isEqualTo(200);
        assertThat(person.get("/api/v1/alerts").status()).isEqualTo(200);
    }

    @Test
    void browserSession_endsAtOnce_whenTheAccountIsDisabled_orItsRolesChange() {
        String name = name("tab");
        user(name, "clinician");
        team(unit + "-team", unit, name);
        FormLogin browser = new FormLogin(httpPort).logIn(name, STRONG);
        assertThat(browser.get("/api/v1/alerts").status()).isEqualTo(200);
        assertThat(browser.get("/?unit=" + unit).status()).isEqualTo(200);

        assertThat(admin.patch("/api/v1/users/" + name, Map.of("roles", List.of("caregiver"))).status()).isEqualTo(200);
        assertThat(browser.get("/api/v1/alerts").status()).as("the session with the old roles is gone").isEqualTo(401);

        assertThat(admin.patch("/api/v1/users/" + name, Map.of("roles", List.of("clinician"))).status()).isEqualTo(200);
        browser.logIn(name, STRONG);
        assertThat(browser.get("/api/v1/alerts").status()).isEqualTo(200);
        assertThat(admin.patch("/api/v1/users/" + name, Map.of("enabled", false)).status()).isEqualTo(200);
        assertThat(browser.get("/?unit=" + unit).status()).as("the page sends a disabled account to the login page")
                .isEqualTo(302);
        assertThat(browser.get("/api/v1/alerts").status()).isEqualTo(401);
    }

    @Test
    void roleChange_appliesToTheNextRequest() {
        String name = name("role");
        user(name, "clinician");
        team(unit + "-team", unit, name);
        String patient = ward.patient(unit);
        VigilClient person = VigilClient.user(httpPort, name, STRONG);
        assertThat(person.get("/api/v1/patients/" + patient + "/latest").status()).isEqualTo(200);

        assertThat(admin.patch("/api/v1/users/" + name, Map.of("roles", List.of("caregiver"))).status()).isEqualTo(200);

        assertThat(person.get("/api/v1/patients/" + patient + "/latest").status())
                .as("a caregiver sees only shared patients, whatever their teams").isEqualTo(404);
        assertThat(person.post("/api/v1/patients/" + patient + "/break-glass", Map.of("reason", "Emergency on the ward"))
                .status()).isEqualTo(403);
    }

    @Test
    void careTeam_createReplaceDelete_changesWhoSeesThePatient() {
        String name = name("team");
        user(name, "clinician");
        String patient = ward.patient(unit);
        VigilClient person = VigilClient.user(httpPort, name, STRONG);
        String team = unit + "-team";
        assertThat(person.get("/api/v1/patients/" + patient).status()).isEqualTo(404);

        team(team, unit, name);
        assertThat(person.get("/api/v1/patients/" + patient).status()).isEqualTo(200);
        assertThat(admin.post("/api/v1/care-teams", Map.of("id", team, "name", "Again", "units", List.of(unit))).status())
                .isEqualTo(409);
        VigilClient.Response stranger = admin.post("/api/v1/care-teams", Map.of("id", team + "-x", "name", "Strangers",
                "units", List.of(unit), "members", List.of("nobody-" + UUID.randomUUID())));
        assertThat(stranger.status()).isEqualTo(400);
        assertThat(stranger.json().get("code").asText()).isEqualTo("VIGIL-1340");
        assertThat(admin.get("/api/v1/users/" + name).json().get("careTeams")).extracting(JsonNode::asText).containsExactly(team);

        VigilClient.Response replaced = admin.put("/api/v1/care-teams/" + team, Map.of("name", "Moved",
                "units", List.of(unit + "-elsewhere"), "members", List.of(name)));
        assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
        assertThat(person.get("/api/v1/patients/" + patient).status()).isEqualTo(404);
        assertThat(person.get("/api/v1/ward?unit=" + unit + "-elsewhere").status()).isEqualTo(200);

        assertThat(admin.delete("/api/v1/care-teams/" + team).status()).isEqualTo(204);
        assertThat(admin.get("/api/v1/care-teams/" + team).status()).isEqualTo(404);
        assertThat(person.get("/api/v1/ward?unit=" + unit + "-elsewhere").status()).isEqualTo(404);
    }

    @Test
    void shares_onlyWithCaregivers_giveReadOnlyAccess_untilWithdrawn() {
        String carer = name("carer");
        String colleague = name("colleague");
        user(carer, "caregiver");
        user(colleague, "clinician");
        String patient = ward.patient(unit);
        VigilClient caregiver = VigilClient.user(httpPort, carer, STRONG);
        String shares = "/api/v1/patients/" + patient + "/shares/";

        VigilClient.Response notACaregiver = admin.put(shares + colleague, Map.of());
        assertThat(notACaregiver.status()).isEqualTo(400);
        assertThat(notACaregiver.json().get("code").asText()).isEqualTo("VIGIL-1343");
        assertThat(caregiver.get("/api/v1/patients/" + patient).status()).isEqualTo(404);

        VigilClient.Response shared = admin.put(shares + carer, Map.of());
        assertThat(shared.status()).as(shared.body()).isEqualTo(200);
        assertThat(shared.json().get("sharedBy").asText()).isEqualTo("admin");
        assertThat(caregiver.get("/api/v1/patients/" + patient).status()).isEqualTo(200);
        assertThat(caregiver.get("/api/v1/patients/" + patient + "/news2").status()).isEqualTo(200);
        assertThat(caregiver.get("/api/v1/patients").body()).contains(patient);
        assertThat(caregiver.put("/api/v1/patients/" + patient + "/news2-scale", Map.of("scale", 2)).status()).isEqualTo(403);
        assertThat(caregiver.put(shares + carer, Map.of()).status()).as("caregivers do not share").isEqualTo(403);
        assertThat(admin.get("/api/v1/patients/" + patient + "/shares").json()).extracting(s -> s.get("username").asText())
                .containsExactly(carer);

        assertThat(admin.delete(shares + carer).status()).isEqualTo(204);
        assertThat(caregiver.get("/api/v1/patients/" + patient).status()).isEqualTo(404);
        assertThat(admin.delete(shares + carer).status()).isEqualTo(404);
    }

    @Test
    void breakGlass_needsAReason_opensThePatientEverywhere_isAudited_andExpires() {
        String name = name("glass");
        user(name, "clinician");
        WardFixture.Bedside bed = ward.bedside(unit);
        String patient = bed.patient();
        VigilClient.Response stored = VigilClient.device(httpPort, bed.secret()).post("/api/v1/devices/" + bed.deviceId()
                + "/measurements", "{\"time\": \"" + Instant.now().minusSeconds(5) + "\", \"values\": {\"heart-rate\": 150}}");
        assertThat(stored.status()).isEqualTo(201);
        VigilClient clinician = VigilClient.user(httpPort, name, STRONG);
        String glass = "/api/v1/patients/" + patient + "/break-glass";
        assertThat(clinician.get("/api/v1/patients/" + patient + "/latest").status()).isEqualTo(404);

        for (Object reason : List.of(Map.of(), Map.of("reason", "urgent"))) {
            VigilClient.Response refused = clinician.post(glass, reason);
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.json().get("code").asText()).isEqualTo("VIGIL-1342");
        }
        VigilClient.Response opened = clinician.post(glass, Map.of("reason", "Cardiac arrest call, team not reachable"));
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        Instant expires = Instant.parse(opened.json().get("expiresAt").asText());
        assertThat(Duration.between(Instant.parse(opened.json().get("openedAt").asText()), expires)).isEqualTo(Duration.ofSeconds(5));

        for (String read : List.of("", "/latest", "/news2", "/glucose-summary")) {
            assertThat(clinician.get("/api/v1/patients/" + patient + read).status()).as(read).isEqualTo(200);
        }
        await().atMost(SETTLE).until(() -> clinician.get("/api/v1/alerts").body().contains(patient));
        assertThat(clinician.get("/api/v1/ward?unit=" + unit).body()).contains(patient);

        await().atMost(SETTLE).untilAsserted(() -> assertThat(admin.get("/api/v1/audit?patient=" + patient + "&actor=" + name)
                .json()).anySatisfy(e -> {
                    assertThat(e.get("action").asText()).isEqualTo("break-glass.opened");
                    assertThat(e.get("severity").asText()).isEqualTo("high");
                }));
        // Every read through the grant stands out: high severity, unlike the same clinician's reads of their own patients.
        await().atMost(SETTLE).untilAsserted(() -> assertThat(admin.get("/api/v1/audit?patient=" + patient + "&actor=" + name)
                .json()).anySatisfy(e -> {
                    assertThat(e.get("request").asText()).startsWith("GET /api/v1/patients/{id}");
                    assertThat(e.get("outcome").asText()).isEqualTo("success");
                    assertThat(e.get("severity").asText()).isEqualTo("high");
                }));
        assertThat(admin.get("/api/v1/break-glass").json()).anySatisfy(g -> {
            assertThat(g.get("patient").asText()).isEqualTo(patient);
            assertThat(g.get("user").asText()).isEqualTo(name);
            assertThat(g.get("reason").asText()).isEqualTo("Cardiac arrest call, team not reachable");
        });

        await().atMost(SETTLE).until(() -> clinician.get("/api/v1/patients/" + patient + "/latest").status() == 404);
        assertThat(Instant.now()).isAfterOrEqualTo(expires);
        assertThat(clinician.get("/api/v1/alerts").body()).doesNotContain(patient);
        assertThat(clinician.get("/api/v1/ward?unit=" + unit).status()).isEqualTo(404);
    }

    private VigilClient.Response user(String name, String role) {
        VigilClient.Response created = admin.post("/api/v1/users", Map.of("username", name, "password", STRONG,
                "roles", List.of(role)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created;
    }

    private void team(String id, String teamUnit, String... members) {
        VigilClient.Response created = admin.post("/api/v1/care-teams", Map.of("id", id, "name", "Team " + id,
                "units", List.of(teamUnit), "members", List.of(members)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    private static String name(String what) {
        return what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
