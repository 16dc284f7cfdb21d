package io.vigil.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/** Token verification against a real JWKS / discovery HTTP server and PEM files, with keys generated here. */
class AccessTokenDecoderTest {
    static TestIdentityProvider idp;

    @TempDir
    Path dir;

    @BeforeAll
    static void startIdentityProvider() {
        idp = TestIdentityProvider.start();
    }

    @AfterAll
    static void stopIdentityProvider() {
        idp.close();
    }

    @Test
    void jwkSetUri_rs256AndEs256Accepted_keysFetchedOnFirstTokenNotAtConstruction() {
        int before = idp.jwksRequests();
        JwtDecoder decoder = AccessTokenDecoder.of(properties(idp.issuer(), idp.jwkSetUri(), null), Clock.systemUTC());
        assertThat(idp.jwksRequests()).as("no network call while building").isEqualTo(before);

        Jwt rsa = decoder.decode(idp.rs256(c -> c.claim("preferred_username", "dr.okafor")));
        Jwt ec = decoder.decode(idp.es256(c -> c.subject("svc-feed")));

        assertThat(rsa.getClaimAsString("preferred_username")).isEqualTo("dr.okafor");
        assertThat(ec.getSubject()).isEqualTo("svc-feed");
        assertThat(idp.jwksRequests()).as("the key set is cached").isEqualTo(before + 1);
    }

    @Test
    void unknownKeyIds_refusedWithoutAFetchEach_knownKeysStillWork() {
        JwtDecoder decoder = AccessTokenDecoder.of(properties(idp.issuer(), idp.jwkSetUri(), null), Clock.systemUTC());
        decoder.decode(idp.rs256(c -> { }));
        int before = idp.jwksRequests();

        for (int i = 0; i < 20; i++) {
            assertThatThrownBy(() -> decoder.decode(idp.rs256WithUnknownKid(c -> { }))).isInstanceOf(BadJwtException.class);
        }

        assertThat(idp.jwksRequests() - before).as("refetches within %d s", RemoteSigningKeys.MIN_REFRESH_SECONDS)
                .isLessThanOrEqualTo(1);
        assertThat(decoder.decode(idp.es256(c -> c.subject("still-fine"))).getSubject()).isEqualTo("still-fine");
    }

    @Test
    void issuerDiscovery_documentNamingAnotherIssuer_neverTrusted() {
        JwtDecoder decoder = AccessTokenDecoder.of(properties(idp.base() + "/realms/vigil/", null, null), Clock.systemUTC());

        assertThatThrownBy(() -> decoder.decode(idp.rs256(c -> { })))
                .isInstanceOf(JwtException.class).isNotInstanceOf(BadJwtException.class).hasMessageContaining("another issuer");
    }

    @Test
    void issuerDiscovery_findsTheJwksThroughOpenIdConfiguration() {
        JwtDecoder decoder = AccessTokenDecoder.of(properties(idp.issuer(), null, null), Clock.systemUTC());

        assertThat(decoder.decode(idp.rs256(c -> c.subject("nurse-1"))).getSubject()).isEqualTo("nurse-1");
    }

    @Test
    void unreachableIdentityProvider_buildsWithoutNetwork_tokensFailAsNotTheTokensFault()
            throws IOException {
        String closed = "http://127.0.0.1:" + freePort();
        JwtDecoder decoder = AccessTokenDecoder.of(properties(closed + "/realms/vigil", null, null),
                Clock.systemUTC());

        assertThatThrownBy(() -> decoder.decode(idp.rs256(c -> { })))
                .isInstanceOf(JwtException.class).isNotInstanceOf(BadJwtException.class);
        JwtDecoder keysUnreachable = AccessTokenDecoder.of(properties(idp.issuer(), closed + "/jwks", null),
                Clock.systemUTC());
        assertThatThrownBy(() -> keysUnreachable.decode(idp.rs256(c -> { })))
                .isInstanceOf(JwtException.class).isNotInstanceOf(BadJwtException.class);
    }

    @Test
    void pemPublicKey_rsaAndEc_eachAcceptsItsOwnTokensOnly() throws IOException {
        Path rsaPem = Files.writeString(dir.resolve("idp-rsa.pem"), idp.rsaPublicKeyPem());
        Path ecPem = Files.writeString(dir.resolve("idp-ec.pem"), idp.ecPublicKeyPem());
        JwtDecoder rsa = AccessTokenDecoder.of(properties(idp.issuer(), null, rsaPem.toString()), Clock.systemUTC());
        JwtDecoder ec = AccessTokenDecoder.of(properties(idp.issuer(), null, "file:" + ecPem), Clock.systemUTC());

        assertThat(rsa.decode(idp.rs256(c -> c.subject("a"))).getSubject()).isEqualTo("a");
        assertThat(ec.decode(idp.es256(c -> c.subject("b"))).getSubject()).isEqualTo("b");
        assertThatThrownBy(() -> rsa.decode(idp.es256(c -> { }))).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> ec.decode(idp.rs256(c -> { }))).isInstanceOf(BadJwtException.class);
    }

    @Test
    void pemThatIsNoKey_refusedAtStartWithTheKeyName() throws IOException {
        Path garbage = Files.writeString(dir.resolve("garbage.pem"), "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");

        assertThatThrownBy(() -> AccessTokenDecoder.of(properties(idp.issuer(), null, garbage.toString()), Clock.systemUTC()))
                .hasMessageContaining("vigil.security.oidc.public-key-location");
    }

    @Test
    void forgedOrForeignTokens_refusedAsBadTokens() {
        JwtDecoder decoder = AccessTokenDecoder.of(properties(idp.issuer(), idp.jwkSetUri(), null), Clock.systemUTC());

        assertThatThrownBy(() -> decoder.decode(idp.rs256WithAnotherKey(c -> { }))).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.decode(idp.unsigned(c -> { }))).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.decode(idp.hs256WithPublicKey(c -> { }))).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.decode(idp.rs256(c -> c.audience("another-app"))))
                .isInstanceOf(BadJwtException.class).hasMessageContaining("aud");
        assertThatThrownBy(() -> decoder.decode(idp.rs256(c -> c.issuer("https://evil.example/realms/vigil"))))
                .isInstanceOf(BadJwtException.class).hasMessageContaining("iss");
        assertThat(decoder.decode(idp.rs256(c -> c.audience(List.of("account", TestIdentityProvider.AUDIENCE))))
                .getAudience()).contains(TestIdentityProvider.AUDIENCE);
    }

    @Test
    void typHeader_jwtOrAccessTokenAccepted_otherTokenTypesRefused() {
        JwtDecoder decoder = AccessTokenDecoder.of(properties(idp.issuer(), idp.jwkSetUri(), null), Clock.systemUTC());

        assertThat(decoder.decode(idp.rs256Typed("at+jwt", c -> c.subject("rfc9068"))).getSubject()).isEqualTo("rfc9068");
        assertThat(decoder.decode(idp.rs256Typed("JWT", c -> c.subject("plain"))).getSubject()).isEqualTo("plain");
        assertThatThrownBy(() -> decoder.decode(idp.rs256Typed("logout+jwt", c -> { })))
                .as("a back-channel logout token is no access token").isInstanceOf(BadJwtException.class);
    }

    @Test
    void expiryAndNotBefore_checkedWithTheClockSkew() {
        Instant now = Instant.parse("2026-03-01T08:00:00Z");
        JwtDecoder decoder = AccessTokenDecoder.of(properties(idp.issuer(), idp.jwkSetUri(), null),
                Clock.fixed(now, ZoneOffset.UTC));

        assertThat(decoder.decode(idp.rs256(c -> c.issueTime(date(now.minusSeconds(600)))
                .expirationTime(date(now.minusSeconds(50)))))).as("expired 50 s ago, skew 60 s").isNotNull();
        assertThatThrownBy(() -> decoder.decode(idp.rs256(c -> c.issueTime(date(now.minusSeconds(600)))
                .expirationTime(date(now.minusSeconds(70)))))).isInstanceOf(BadJwtException.class).hasMessageContaining("expired");
        assertThatThrownBy(() -> decoder.decode(idp.rs256(c -> c.issueTime(date(now))
                .expirationTime(date(now.plusSeconds(600))).notBeforeTime(date(now.plusSeconds(120))))))
                .isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.decode(idp.rs256(c -> c.issueTime(date(now)).expirationTime(null))))
                .as("a token that never expires").isInstanceOf(BadJwtException.class);
    }

    private static OidcProperties properties(String issuer, String jwkSetUri, String pem) {
        return new OidcProperties(true, issuer, jwkSetUri, pem, TestIdentityProvider.AUDIENCE, "roles", "units",
                "preferred_username", Map.of(), Duration.ofSeconds(60));
    }

    private static Date date(Instant instant) {
        return Date.from(instant);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
