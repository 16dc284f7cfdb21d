package io.vigil.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.server.Databases;
import io.vigil.server.StepClock;
import io.vigil.server.VigilClient;
import io.vigil.server.WardFixture;
import io.vigil.server.web.FormLogin;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Login lockout through the real surfaces: HTTP Basic and the login form, with the default limits (5 failures, 15
 * minutes). The address throttle is set out of reach here; {@link LoginThrottleIT} tests it.
 */
@Import(StepClock.InContext.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "vigil.mqtt.enabled=false", "vigil.demo.password=" + WardFixture.PASSWORD, "vigil.demo.enabled=false",
        "vigil.security.login.address-max-failures=1000"})
class LoginLockoutIT {
    private static final String WRONG = "not-the-password";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        Databases.h2(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    StepClock clock;

    VigilClient admin;
    Instant start;

    @BeforeEach
    void freshDay() {
        // A day later each time: earlier tests' failures are forgotten, and this test's audit events are its own.
        clock.advance(Duration.ofDays(2));
        start = clock.instant();
        admin = VigilClient.user(port, "admin", WardFixture.PASSWORD);
    }

    @AfterEach
    void unlockEveryone() {
        admin.post("/api/v1/users/clinician/unlock", "");
        admin.post("/api/v1/users/caregiver/unlock", "");
    }

    @Test
    void basic_fiveFailures_lockTheName_evenForTheRightPasswordAndARememberedLogin() {
        VigilClient clinician = VigilClient.user(port, "clinician", WardFixture.PASSWORD);
        assertThat(clinician.get("/api/v1/alerts").status()).as("remembered by the recent-logins cache").isEqualTo(200);
        VigilClient wrong = VigilClient.user(port, "clinician", WRONG);
        for (int i = 0; i < 4; i++) {
            assertThat(wrong.get("/api/v1/alerts").status()).isEqualTo(401);
        }
        assertThat(clinician.get("/api/v1/alerts").status()).as("4 failures do not lock").isEqualTo(200);
        for (int i = 0; i < 5; i++) {
            assertThat(wrong.get("/api/v1/alerts").status()).isEqualTo(401);
        }

        assertThat(clinician.get("/api/v1/alerts").status()).as("locked: the right password is refused").isEqualTo(401);
        clock.advance(Duration.ofMinutes(14));
        assertThat(clinician.get("/api/v1/alerts").status()).isEqualTo(401);
        clock.advance(Duration.ofMinutes(1));
        assertThat(clinician.get("/api/v1/alerts").status()).as("the lockout is over after 15 minutes").isEqualTo(200);

        List<String> actions = actions("clinician");
        assertThat(actions).filteredOn("login.failed"::equals).hasSize(9);
        assertThat(actions).filteredOn("login.locked"::equals).hasSize(2);
        assertThat(actions(null)).filteredOn("account.locked"::equals).hasSize(1);
    }

    @Test
    void form_fiveFailures_lockTheName_andTheRightPasswordGetsTheSameAnswerAsAWrongOne() {
        FormLogin browser = new FormLogin(port);
        for (int i = 0; i < 5; i++) {
            assertThat(browser.attempt("caregiver", WRONG)).endsWith("/login?error");
        }
        assertThat(browser.attempt("caregiver", WardFixture.PASSWORD)).endsWith("/login?error");
        assertThat(new FormLogin(port).attempt("no-such-user", WRONG)).endsWith("/login?error");
        assertThat(actions("caregiver")).containsExactly("login.locked", "login.failed", "login.failed",
                "login.failed", "login.failed", "login.failed");

        VigilClient.Response unlocked = admin.post("/api/v1/users/caregiver/unlock", "");
        assertThat(unlocked.status()).as(unlocked.body()).isEqualTo(200);
        assertThat(unlocked.json().get("wasLocked").asBoolean()).isTrue();
        assertThat(new FormLogin(port).attempt("caregiver", WardFixture.PASSWORD)).doesNotContain("error");
    }

    @Test
    void basic_lockedName_answersExactlyLikeAWrongPasswordOrAnUnknownName() {
        VigilClient wrong = VigilClient.user(port, "clinician", WRONG);
        VigilClient.Response wrongPassword = wrong.get("/api/v1/alerts");
        for (int i = 0; i < 4; i++) {
            wrong.get("/api/v1/alerts");
        }
        VigilClient.Response locked = VigilClient.user(port, "clinician", WardFixture.PASSWORD).get("/api/v1/alerts");
        VigilClient.Response unknown = VigilClient.user(port, "nobody-" + start.toEpochMilli(), WRONG).get("/api/v1/alerts");

        for (VigilClient.Response response : List.of(locked, unknown)) {
            assertThat(response.status()).isEqualTo(wrongPassword.status()).isEqualTo(401);
            assertThat(response.body()).isEqualTo(wrongPassword.body());
            assertThat(response.contentType()).isEqualTo(wrongPassword.contentType());
        }
        assertThat(wrongPassword.json().get("code").asText()).isEqualTo("VIGIL-1110");
    }

    @Test
    void unlock_byAdmin_endsTheLockoutAtOnce_andIsAudited() {
        VigilClient wrong = VigilClient.user(port, "clinician", WRONG);
        for (int i = 0; i < 5; i++) {
            wrong.get("/api/v1/alerts");
        }
        VigilClient clinician = VigilClient.user(port, "clinician", WardFixture.PASSWORD);
        assertThat(clinician.get("/api/v1/alerts").status()).isEqualTo(401);

        VigilClient.Response unlocked = admin.post("/api/v1/users/clinician/unlock", "");
        assertThat(unlocked.status()).isEqualTo(200);
        assertThat(unlocked.json().get("username").asText()).isEqualTo("clinician");
        assertThat(unlocked.json().get("wasLocked").asBoolean()).isTrue();
        assertThat(clinician.get("/api/v1/alerts").status()).isEqualTo(200);
        assertThat(admin.post("/api/v1/users/clinician/unlock", "").json().get("wasLocked").asBoolean()).isFalse();
        VigilClient.Response unknown = admin.post("/api/v1/users/no-such-user/unlock", "");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("code").asText()).isEqualTo("VIGIL-1202");

        List<JsonNode> unlocks = events("admin").stream().filter(e -> "user.unlock".equals(e.get("action").asText())).toList();
        assertThat(unlocks).extracting(e -> e.get("resourceId").asText(), e -> e.get("outcome").asText())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("no-such-user", "error"),
                        org.assertj.core.groups.Tuple.tuple("clinician", "success"),
                        org.assertj.core.groups.Tuple.tuple("clinician", "success"));
    }

    @Test
    void unlock_byClinician_isForbidden() {
        VigilClient clinician = VigilClient.user(port, "clinician", WardFixture.PASSWORD);
        VigilClient.Response refused = clinician.post("/api/v1/users/caregiver/unlock", "");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("code").asText()).isEqualTo("VIGIL-1111");
    }

    @Test
    void success_resetsTheCount() {
        VigilClient wrong = VigilClient.user(port, "clinician", WRONG);
        VigilClient right = VigilClient.user(port, "clinician", WardFixture.PASSWORD);
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 4; i++) {
                assertThat(wrong.get("/api/v1/alerts").status()).isEqualTo(401);
            }
            assertThat(right.get("/api/v1/alerts").status()).as("round " + round).isEqualTo(200);
        }
    }

    /** This test's audit actions of one actor (all actors when null), newest first. */
    private List<String> actions(String actor) {
        return events(actor).stream().map(e -> e.get("action").asText()).toList();
    }

    private List<JsonNode> events(String actor) {
        String query = "/api/v1/audit?limit=1000&from=" + start + (actor == null ? "" : "&actor=" + actor);
        List<JsonNode> events = new ArrayList<>();
        admin.get(query).json().forEach(events::add);
        return events.stream().filter(e -> !e.get("action").asText().startsWith("audit.")).toList();
    }
}
