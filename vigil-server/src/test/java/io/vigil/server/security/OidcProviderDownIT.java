package io.vigil.server.security;

import static io.vigil.server.security.TestIdentityProvider.keycloakUser;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.Databases;
import io.vigil.server.VigilClient;
import io.vigil.server.WardFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The identity provider cannot be reached (its discovery URL is a closed port): Vigil still starts, bearer
 * requests answer 503 VIGIL-1332 — not the caller's fault, so not 401 — and HTTP Basic keeps working.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "vigil.mqtt.port=0", "vigil.demo.password=" + WardFixture.PASSWORD, "vigil.demo.enabled=false",
        "vigil.security.oidc.enabled=true", "vigil.security.oidc.audience=" + TestIdentityProvider.AUDIENCE})
class OidcProviderDownIT {
    @DynamicPropertySource
    static void unreachableIssuerAndDatabase(DynamicPropertyRegistry registry) {
        Databases.h2(registry);
        try (ServerSocket socket = new ServerSocket(0)) {
            int closed = socket.getLocalPort();
            registry.add("vigil.security.oidc.issuer-uri", () -> "http://127.0.0.1:" + closed + "/realms/vigil");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @LocalServerPort
    int httpPort;

    @Test
    void bearerAnswers503WithRetryAfter_basicUnaffected() {
        String token;
        try (TestIdentityProvider idp = TestIdentityProvider.start()) {
            token = idp.rs256(keycloakUser("dr-down", List.of("clinician"), List.of("ward-a")));
        }

        VigilClient.Response bearer = VigilClient.bearer(httpPort, token).get("/api/v1/patients");

        assertThat(bearer.status()).as(bearer.body()).isEqualTo(503);
        assertThat(bearer.json().get("code").asText()).isEqualTo("VIGIL-1332");
        assertThat(bearer.header("Retry-After")).containsExactly("30");
        assertThat(VigilClient.user(httpPort, "clinician", WardFixture.PASSWORD).get("/api/v1/patients").status())
                .isEqualTo(200);
    }
}
