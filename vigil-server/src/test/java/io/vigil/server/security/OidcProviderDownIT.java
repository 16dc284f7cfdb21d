package io.vigil.server.security;

import static io.vigil.server.security.TestIdentityProvider.keycloakUser;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.Databases;
import io.vigil.server.VigilClient;
import io.vigil.server.WardFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
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
    private static final TestIdentityProvider idp = TestIdentityProvider.start();

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

    @AfterAll
    static void stopIdentityProvider() {
        idp.close();
    }

    @LocalServerPort
    int httpPort;

    @Test
    void bearerAnswers503WithRetryAfter_basicUnaffected() throws Exception {
        String token = idp.rs256(keycloakUser("dr-down", List.of("clinician"), List.of("ward-a")));

        HttpResponse<String> bearer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + httpPort + "/api/v1/patients"))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(bearer.statusCode()).as(bearer.body()).isEqualTo(503);
        assertThat(VigilClient.JSON.readTree(bearer.body()).get("code").asText()).isEqualTo("VIGIL-1332");
        assertThat(bearer.headers().firstValue("Retry-After")).contains("30");
        assertThat(VigilClient.user(httpPort, "clinician", WardFixture.PASSWORD).get("/api/v1/patients").status())
                .isEqualTo(200);
    }
}
