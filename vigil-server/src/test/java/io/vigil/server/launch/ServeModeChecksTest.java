package io.vigil.server.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.mock.env.MockEnvironment;

class ServeModeChecksTest {

    /** A database and an admin password, but no TLS. */
    private static MockEnvironment withoutTls() {
        return new MockEnvironment()
                .withProperty("VIGIL_DB_URL", "jdbc:postgresql://127.0.0.1:5432/vigil")
                .withProperty("vigil.admin-password", "correct horse battery staple")
                .withProperty("vigil.tags.key-encryption-key", "q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=");
    }

    @Test
    void problems_withoutTagKeyEncryptionKey_namesIt() {
        MockEnvironment env = safe();
        env.setProperty("vigil.tags.key-encryption-key", "");
        assertThat(ServeModeChecks.problems(env)).singleElement()
                .satisfies(p -> assertThat(p).contains("VIGIL_TAGS_KEY_ENCRYPTION_KEY"));
    }

    /** Everything serve mode needs, with TLS from Vigil's PEM settings and the embedded broker on. */
    private static MockEnvironment safe() {
        return withoutTls()
                .withProperty("vigil.tls.certificate", "/etc/vigil/tls/server.crt")
                .withProperty("vigil.tls.private-key", "/etc/vigil/tls/server.key");
    }

    @Test
    void problems_withNothingConfigured_nameEverySettingToFix() {
        assertThat(ServeModeChecks.problems(new MockEnvironment()))
                .anySatisfy(p -> assertThat(p).startsWith("HTTP without TLS").contains("VIGIL_TLS_CERTIFICATE"))
                .anySatisfy(p -> assertThat(p).contains("VIGIL_DB_URL"))
                .anySatisfy(p -> assertThat(p).contains("VIGIL_ADMIN_PASSWORD"))
                .anySatisfy(p -> assertThat(p).startsWith("the embedded MQTT broker without TLS").contains("VIGIL_MQTT_ENABLED=false"));
    }

    @Test
    void problems_withPemTlsAndTheEmbeddedBroker_none() {
        assertThat(ServeModeChecks.problems(safe())).isEmpty();
    }

    @Test
    void problems_springSslBundleForHttp_isTls_butTheBrokerStillNeedsVigilsCertificate() {
        MockEnvironment env = withoutTls().withProperty("server.ssl.bundle", "web");
        assertThat(ServeModeChecks.problems(env)).singleElement()
                .satisfies(p -> assertThat(p).startsWith("the embedded MQTT broker without TLS"));
        env.setProperty("vigil.mqtt.enabled", "false");
        assertThat(ServeModeChecks.problems(env)).isEmpty();
    }

    @Test
    void problems_certificateWithoutKey_refused() {
        MockEnvironment env = withoutTls().withProperty("vigil.tls.certificate", "/etc/vigil/tls/server.crt");
        assertThat(ServeModeChecks.problems(env)).singleElement()
                .satisfies(p -> assertThat(p).contains("VIGIL_TLS_PRIVATE_KEY"));
    }

    @Test
    void https_recognisesEachStyleOfTlsSettings() {
        assertThat(ServeModeChecks.https(new MockEnvironment().withProperty("vigil.tls.certificate", "a.crt"))).isTrue();
        assertThat(ServeModeChecks.https(new MockEnvironment().withProperty("server.ssl.bundle", "web"))).isTrue();
        assertThat(ServeModeChecks.https(new MockEnvironment().withProperty("server.ssl.certificate", "a.crt"))).isTrue();
        assertThat(ServeModeChecks.https(new MockEnvironment().withProperty("server.ssl.key-store", "a.p12"))).isTrue();
        assertThat(ServeModeChecks.https(new MockEnvironment().withProperty("server.ssl.key-store", "a.p12")
                .withProperty("server.ssl.enabled", "false"))).isFalse();
        assertThat(ServeModeChecks.https(new MockEnvironment().withProperty("server.ssl.enabled", "true"))).isFalse();
    }

    @Test
    void problems_clientCertificatesWithoutACa_refused() {
        assertThat(ServeModeChecks.problems(safe().withProperty("vigil.mqtt.tls.client-auth", "required")))
                .singleElement().satisfies(p -> assertThat(p).contains("VIGIL_MQTT_TLS_CLIENT_CA"));
        assertThat(ServeModeChecks.problems(safe().withProperty("vigil.mqtt.tls.client-auth", "required")
                .withProperty("vigil.mqtt.tls.client-ca", "/etc/vigil/tls/devices-ca.crt"))).isEmpty();
    }

    @Test
    void problems_demoSettings_eachNamed() {
        MockEnvironment env = safe().withProperty("vigil.demo.password", "it-is-a-demo").withProperty("vigil.demo.beds", "4");
        env.getPropertySources().addLast(new SystemEnvironmentPropertySource("systemEnvironment",
                Map.of("VIGIL_DEMO_PASSWORD", "from-the-environment")));
        assertThat(ServeModeChecks.problems(env)).hasSize(3)
                .anySatisfy(p -> assertThat(p).startsWith("demo setting vigil.demo.password is set"))
                .anySatisfy(p -> assertThat(p).startsWith("demo setting vigil.demo.beds is set"))
                .anySatisfy(p -> assertThat(p).startsWith("demo setting VIGIL_DEMO_PASSWORD is set"));
    }

    @Test
    void problems_mllpBeyondLoopbackWithoutAllowList_refused() {
        assertThat(ServeModeChecks.problems(new MockEnvironment().withProperty("vigil.hl7.host", "0.0.0.0")))
                .anySatisfy(p -> assertThat(p).contains("VIGIL_HL7_ALLOWED_SENDERS"));
        assertThat(ServeModeChecks.problems(new MockEnvironment().withProperty("vigil.hl7.host", "0.0.0.0")
                .withProperty("vigil.hl7.allowed-senders[0]", "10.0.0.5")))
                .noneSatisfy(p -> assertThat(p).contains("HL7"));
        assertThat(ServeModeChecks.problems(new MockEnvironment())).noneSatisfy(p -> assertThat(p).contains("HL7"));
    }

    @Test
    void problems_defaultOrShortAdminPassword_refused() {
        assertThat(ServeModeChecks.problems(new MockEnvironment().withProperty("vigil.admin-password", "changeme")))
                .anySatisfy(p -> assertThat(p).contains("VIGIL_ADMIN_PASSWORD"));
        assertThat(ServeModeChecks.problems(new MockEnvironment().withProperty("vigil.admin-password", "short1")))
                .anySatisfy(p -> assertThat(p).contains("VIGIL_ADMIN_PASSWORD"));
    }

    @Test
    void problems_identityProviderKeysOverPlainHttp_refused_httpsOrPemAccepted() {
        MockEnvironment plain = new MockEnvironment().withProperty("vigil.security.oidc.enabled", "true")
                .withProperty("vigil.security.oidc.issuer-uri", "http://keycloak.hospital.example/realms/vigil");
        MockEnvironment https = new MockEnvironment().withProperty("vigil.security.oidc.enabled", "true")
                .withProperty("vigil.security.oidc.issuer-uri", "http://keycloak.hospital.example/realms/vigil")
                .withProperty("vigil.security.oidc.jwk-set-uri", "https://keycloak.hospital.example/realms/vigil/protocol/openid-connect/certs");
        MockEnvironment pem = new MockEnvironment().withProperty("vigil.security.oidc.enabled", "true")
                .withProperty("vigil.security.oidc.jwk-set-uri", "http://keycloak.hospital.example/certs")
                .withProperty("vigil.security.oidc.public-key-location", "/etc/vigil/idp.pem");

        assertThat(ServeModeChecks.problems(plain)).anySatisfy(p -> assertThat(p).contains("vigil.security.oidc.jwk-set-uri"));
        assertThat(ServeModeChecks.problems(https)).noneSatisfy(p -> assertThat(p).contains("vigil.security.oidc"));
        assertThat(ServeModeChecks.problems(pem)).noneSatisfy(p -> assertThat(p).contains("vigil.security.oidc"));
    }

    @Test
    void problems_edgeForwardingOverPlainHttp_refused_httpsAccepted() {
        MockEnvironment plain = new MockEnvironment().withProperty("vigil.edge.enabled", "true")
                .withProperty("vigil.edge.upstream.url", "http://vigil.hospital.example");
        MockEnvironment https = new MockEnvironment().withProperty("vigil.edge.enabled", "true")
                .withProperty("vigil.edge.upstream.url", "https://vigil.hospital.example");

        assertThat(ServeModeChecks.problems(plain)).anySatisfy(p -> assertThat(p).contains("VIGIL_EDGE_UPSTREAM_URL"));
        assertThat(ServeModeChecks.problems(https)).noneSatisfy(p -> assertThat(p).contains("VIGIL_EDGE_UPSTREAM_URL"));
        assertThat(ServeModeChecks.problems(new MockEnvironment())).noneSatisfy(p -> assertThat(p).contains("edge"));
    }

    @Test
    void serveCommand_withUnsafeSettings_exitsWith3AndNamesTheSettings() {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertThat(VigilCommand.run(new String[] {"serve"})).isEqualTo(3);
        } finally {
            System.setErr(original);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Vigil will not start").contains("HTTP without TLS")
                .contains("the embedded MQTT broker without TLS");
    }
}
