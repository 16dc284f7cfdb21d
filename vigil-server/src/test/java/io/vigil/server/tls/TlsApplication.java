package io.vigil.server.tls;

import io.vigil.server.Databases;
import io.vigil.server.VigilClient;
import io.vigil.server.WardFixture;
import io.vigil.server.mqtt.EmbeddedBroker;
import java.net.http.HttpClient;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A running Vigil with TLS from a test-made CA (server certificate for localhost, the same CA for device
 * certificates), H2, and for each test a fresh patient with a bedside monitor, registered over HTTPS.
 * Subclasses choose the client-auth mode in {@code @SpringBootTest}.
 */
abstract class TlsApplication {
    static final TestPki.Issued CA = TestPki.authority("Vigil test device and server CA");

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        Databases.h2(registry);
        TestPki.serverSettings(registry, CA);
    }

    @LocalServerPort
    int httpsPort;
    @Autowired
    EmbeddedBroker broker;

    HttpClient https;
    WardFixture ward;
    WardFixture.Bedside bed;

    @BeforeEach
    void bedside() {
        https = HttpClient.newBuilder().sslContext(CA.clientContext()).build();
        ward = new WardFixture(VigilClient.user(https, base(), "admin", WardFixture.PASSWORD));
        bed = ward.bedside("ward-a");
    }

    String base() {
        return "https://localhost:" + httpsPort;
    }
}
