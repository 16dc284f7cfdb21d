package io.vigil.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.Databases;
import io.vigil.server.WardFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every door answers with the security headers — the REST and FHIR APIs, device ingest, the web app, errors — and
 * plain HTTP never carries HSTS (the HTTPS side is in tls/TransportSecurityIT).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "vigil.mqtt.port=0", "vigil.demo.password=" + WardFixture.PASSWORD, "vigil.demo.enabled=false"})
class SecurityHeadersIT {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        Databases.h2(registry);
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void apis_refusalsAndIngest_carryTheApiPolicy() throws Exception {
        for (HttpRequest request : new HttpRequest[] {
                get("/api/v1/patients"), get("/fhir/metadata"), get("/fhir/Patient"), get("/api/v1/no-such-thing"),
                HttpRequest.newBuilder(URI.create(base() + "/api/v1/devices/nobody/measurements"))
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build()}) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertSecurityHeaders(response.headers(), SecurityHeaders.API_POLICY, request.uri().getPath());
        }
    }

    @Test
    void webApp_carriesTheWebAppPolicy() throws Exception {
        for (String path : new String[] {"/login", "/", "/css/no-such.css"}) {
            HttpResponse<String> response = http.send(get(path), HttpResponse.BodyHandlers.ofString());
            assertSecurityHeaders(response.headers(), SecurityHeaders.WEB_APP_POLICY, path);
        }
    }

    private static void assertSecurityHeaders(HttpHeaders headers, String policy, String path) {
        assertThat(headers.firstValue("Content-Security-Policy")).as(path).hasValue(policy);
        assertThat(policy).contains("frame-ancestors 'none'");
        assertThat(headers.firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
        assertThat(headers.firstValue("X-Frame-Options")).as(path).hasValue("DENY");
        assertThat(headers.firstValue("Referrer-Policy")).as(path).hasValue("no-referrer");
        assertThat(headers.firstValue("Strict-Transport-Security")).as("no HSTS over plain HTTP: " + path).isEmpty();
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create(base() + path)).GET().build();
    }
}
