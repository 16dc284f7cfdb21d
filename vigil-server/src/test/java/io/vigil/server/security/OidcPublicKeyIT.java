package io.vigil.server.security;

import static io.vigil.server.security.TestIdentityProvider.keycloakUser;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.server.Databases;
import io.vigil.server.VigilClient;
import io.vigil.server.WardFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Offline OIDC mode: the identity provider's RSA public key from a PEM file, no JWKS, no discovery — Vigil never
 * calls the identity provider.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "vigil.mqtt.port=0", "vigil.demo.password=" + WardFixture.PASSWORD, "vigil.demo.enabled=false",
        "vigil.security.oidc.enabled=true", "vigil.security.oidc.audience=" + TestIdentityProvider.AUDIENCE,
        "vigil.security.oidc.roles-claim=realm_access.roles"})
class OidcPublicKeyIT {
    private static final TestIdentityProvider idp = TestIdentityProvider.start();

    @DynamicPropertySource
    static void publicKeyAndDatabase(DynamicPropertyRegistry registry) {
        Databases.h2(registry);
        try {
            Path pem = Files.writeString(Files.createTempFile("idp-", ".pem"), idp.rsaPublicKeyPem());
            registry.add("vigil.security.oidc.public-key-location", pem::toString);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        registry.add("vigil.security.oidc.issuer-uri", idp::issuer);
    }

    @AfterAll
    static void stopIdentityProvider() {
        idp.close();
    }

    @LocalServerPort
    int httpPort;

    @Test
    void tokenSignedByThePemKey_accepted_otherKeysRefused_identityProviderNeverCalled() {
        String patient = new WardFixture(httpPort).patient("ward-a");
        var clinician = keycloakUser("dr-pem", List.of("clinician"), List.of("ward-a"));

        VigilClient.Response fhir = VigilClient.bearer(httpPort, idp.rs256(clinician)).get("/fhir/Patient/" + patient,
                "application/fhir+json");
        VigilClient.Response rest = VigilClient.bearer(httpPort, idp.rs256(clinician)).get("/api/v1/patients/" + patient);
        VigilClient.Response otherKey = VigilClient.bearer(httpPort, idp.es256(clinician)).get("/api/v1/patients/" + patient);
        VigilClient.Response forged = VigilClient.bearer(httpPort, idp.rs256WithAnotherKey(clinician)).get("/api/v1/patients");

        assertThat(fhir.status()).as(fhir.body()).isEqualTo(200);
        assertThat(rest.status()).as(rest.body()).isEqualTo(200);
        assertThat(otherKey.status()).isEqualTo(401);
        assertThat(otherKey.json().get("code").asText()).isEqualTo("VIGIL-1330");
        assertThat(forged.status()).isEqualTo(401);
        assertThat(idp.jwksRequests()).as("offline: no call to the identity provider").isZero();
    }
}
