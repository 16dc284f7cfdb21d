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
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Password spraying — one password tried once against many names from one address — never trips a name's lockout;
 * the address's failed-login allowance stops it. Here: 6 failures, one forgiven per 10 minutes.
 */
@Import(StepClock.InContext.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "vigil.mqtt.enabled=false", "vigil.demo.password=" + WardFixture.PASSWORD, "vigil.demo.enabled=false",
        "vigil.security.login.address-max-failures=6", "vigil.security.login.address-recovery=10m"})
class LoginThrottleIT {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        Databases.h2(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    StepClock clock;

    @Test
    void spraying_manyNames_fromOneAddress_isThrottled_andRecoversOverTime() {
        Instant start = clock.instant();
        VigilClient.Response wrongPassword = VigilClient.user(port, "spray-0", "Winter2026!").get("/api/v1/alerts");
        for (int i = 1; i < 6; i++) {
            assertThat(VigilClient.user(port, "spray-" + i, "Winter2026!").get("/api/v1/alerts").status()).isEqualTo(401);
        }

        VigilClient admin = VigilClient.user(port, "admin", WardFixture.PASSWORD);
        VigilClient.Response throttled = admin.get("/api/v1/alerts");
        assertThat(throttled.status()).as("the address is out of failures: even a right password waits").isEqualTo(401);
        assertThat(throttled.body()).as("and looks like a wrong password").isEqualTo(wrongPassword.body());
        assertThat(new FormLogin(port).attempt("clinician", WardFixture.PASSWORD)).endsWith("/login?error");

        clock.advance(Duration.ofMinutes(10));
        assertThat(admin.get("/api/v1/alerts").status()).as("one failure forgiven after 10 minutes").isEqualTo(200);

        List<JsonNode> events = new ArrayList<>();
        admin.get("/api/v1/audit?limit=1000&from=" + start).json().forEach(events::add);
        assertThat(events).filteredOn(e -> "login.failed".equals(e.get("action").asText())).hasSize(6);
        assertThat(events).filteredOn(e -> "login.throttled".equals(e.get("action").asText()))
                .extracting(e -> e.get("actor").asText()).containsExactlyInAnyOrder("admin", "clinician");
        assertThat(events).filteredOn(e -> "login.throttled".equals(e.get("action").asText()))
                .allSatisfy(e -> assertThat(e.get("clientAddress").asText()).isEqualTo("127.0.0.1"));
        assertThat(events).noneMatch(e -> e.get("action").asText().startsWith("account.locked"));
    }
}
