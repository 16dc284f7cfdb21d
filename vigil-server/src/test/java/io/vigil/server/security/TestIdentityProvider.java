package io.vigil.server.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A stand-in hospital identity provider for tests: keys generated here (RSA 2048 and EC P-256), tokens signed with
 * them, and a real HTTP server on 127.0.0.1 publishing the JWKS ({@code /jwks}) and the OpenID discovery document
 * ({@code /realms/vigil/.well-known/openid-configuration}), the way Keycloak lays them out.
 */
final class TestIdentityProvider implements AutoCloseable {
    static final String AUDIENCE = "vigil-api";

    private final RSAKey rsa;
    private final ECKey ec;
    private final HttpServer server;
    private final AtomicInteger jwksRequests = new AtomicInteger();

    private TestIdentityProvider(RSAKey rsa, ECKey ec, HttpServer server) {
        this.rsa = rsa;
        this.ec = ec;
        this.server = server;
    }

    /** Generates the keys and starts the HTTP server on an ephemeral port. */
    static TestIdentityProvider start() {
        try {
            RSAKey rsa = new RSAKeyGenerator(2048).keyID("rsa-" + UUID.randomUUID()).generate();
            ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("ec-" + UUID.randomUUID()).generate();
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            TestIdentityProvider idp = new TestIdentityProvider(rsa, ec, server);
            server.createContext("/jwks", exchange -> {
                idp.jwksRequests.incrementAndGet();
                idp.answer(exchange, new JWKSet(List.<JWK>of(rsa.toPublicJWK(), ec.toPublicJWK())).toString());
            });
            server.createContext("/realms/vigil/.well-known/openid-configuration", exchange -> idp.answer(exchange,
                    "{\"issuer\":\"" + idp.issuer() + "\",\"jwks_uri\":\"" + idp.jwkSetUri() + "\","
                            + "\"id_token_signing_alg_values_supported\":[\"RS256\",\"ES256\"],"
                            + "\"subject_types_supported\":[\"public\"]}"));
            server.start();
            return idp;
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void answer(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String issuer() {
        return base() + "/realms/vigil";
    }

    String jwkSetUri() {
        return base() + "/jwks";
    }

    int jwksRequests() {
        return jwksRequests.get();
    }

    /** Claims valid for five minutes from now, for this issuer and Vigil's audience; the customizer changes them. */
    JWTClaimsSet claims(Consumer<JWTClaimsSet.Builder> customize) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(issuer()).audience(AUDIENCE)
                .subject(UUID.randomUUID().toString()).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5)))).jwtID(UUID.randomUUID().toString());
        customize.accept(claims);
        return claims.build();
    }

    /** RS256 with the published RSA key. */
    String rs256(Consumer<JWTClaimsSet.Builder> customize) {
        try {
            return sign(new RSASSASigner(rsa), JWSAlgorithm.RS256, rsa.getKeyID(), claims(customize));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RS256 with the published RSA key and a chosen {@code typ} header. */
    String rs256Typed(String type, Consumer<JWTClaimsSet.Builder> customize) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(rsa.getKeyID())
                    .type(new JOSEObjectType(type)).build(), claims(customize));
            jwt.sign(new RSASSASigner(rsa));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** ES256 with the published EC key. */
    String es256(Consumer<JWTClaimsSet.Builder> customize) {
        try {
            return sign(new ECDSASigner(ec), JWSAlgorithm.ES256, ec.getKeyID(), claims(customize));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RS256 with a key the identity provider never published, under the published key's id. */
    String rs256WithAnotherKey(Consumer<JWTClaimsSet.Builder> customize) {
        try {
            RSAKey stranger = new RSAKeyGenerator(2048).keyID(rsa.getKeyID()).generate();
            return sign(new RSASSASigner(stranger), JWSAlgorithm.RS256, rsa.getKeyID(), claims(customize));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RS256 with the published RSA key but naming a key id the identity provider never published. */
    String rs256WithUnknownKid(Consumer<JWTClaimsSet.Builder> customize) {
        try {
            return sign(new RSASSASigner(rsa), JWSAlgorithm.RS256, "unknown-" + UUID.randomUUID(), claims(customize));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An unsigned token ({@code alg: none}). */
    String unsigned(Consumer<JWTClaimsSet.Builder> customize) {
        return new PlainJWT(claims(customize)).serialize();
    }

    /** HS256 keyed with the RSA public key's bytes: the classic algorithm-confusion forgery. */
    String hs256WithPublicKey(Consumer<JWTClaimsSet.Builder> customize) {
        try {
            byte[] secret = rsa.toRSAPublicKey().getEncoded();
            return sign(new MACSigner(secret), JWSAlgorithm.HS256, rsa.getKeyID(), claims(customize));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The RSA public key as PEM ({@code -----BEGIN PUBLIC KEY-----}). */
    String rsaPublicKeyPem() {
        try {
            return pem(rsa.toRSAPublicKey());
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The EC public key as PEM. */
    String ecPublicKeyPem() {
        try {
            return pem(ec.toECPublicKey());
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(PublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    private static String sign(com.nimbusds.jose.JWSSigner signer, JWSAlgorithm algorithm, String keyId,
                               JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(keyId).type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    /** Keycloak's shape: roles under {@code realm_access.roles}. */
    static Consumer<JWTClaimsSet.Builder> keycloakUser(String username, List<String> roles, List<String> units) {
        return claims -> claims.claim("preferred_username", username)
                .claim("realm_access", Map.of("roles", roles)).claim("units", units);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
