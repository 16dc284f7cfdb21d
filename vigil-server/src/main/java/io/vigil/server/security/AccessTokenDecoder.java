package io.vigil.server.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.proc.SingleKeyJWSKeySelector;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;
import java.util.Set;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Verifies access tokens: signature (RS256 or ES256 — never {@code none}, never a shared secret) by a key of the
 * identity provider, {@code typ} ({@code JWT}, {@code at+jwt} or none), {@code exp} (required) and {@code nbf} within
 * the clock skew, {@code iss} and {@code aud} (and, as Spring's defaults do, a certificate-bound token's
 * {@code cnf} thumbprint).
 * Keys come from a PEM file, a JWKS URL, or the issuer's discovery document; the two remote ones are fetched on
 * the first token, not at start-up ({@link RemoteSigningKeys}).
 */
final class AccessTokenDecoder {
    static final Set<SignatureAlgorithm> ALGORITHMS = Set.of(SignatureAlgorithm.RS256, SignatureAlgorithm.ES256);

    private AccessTokenDecoder() {
    }

    static JwtDecoder of(OidcProperties properties, Clock clock) {
        OAuth2TokenValidator<Jwt> validator = validator(properties, clock);
        return switch (properties.keySource()) {
            case PUBLIC_KEY -> validating(fromPublicKey(publicKey(properties.publicKeyLocation())), validator);
            case JWK_SET -> validating(fromKeySet(RemoteSigningKeys.at(properties.jwkSetUri())), validator);
            case ISSUER_DISCOVERY -> new Discovered(properties.issuerUri(), () -> validating(
                    fromKeySet(RemoteSigningKeys.at(RemoteSigningKeys.jwkSetUriOf(properties.issuerUri()))), validator));
        };
    }

    private static NimbusJwtDecoder validating(NimbusJwtDecoder decoder, OAuth2TokenValidator<Jwt> validator) {
        decoder.setJwtValidator(validator);
        return decoder;
    }

    private static NimbusJwtDecoder fromKeySet(JWKSource<SecurityContext> keys) {
        return NimbusJwtDecoder.withJwkSource(keys).jwsAlgorithms(algorithms -> algorithms.addAll(ALGORITHMS)).build();
    }

    /** The one key of a PEM file verifies every token, whatever {@code kid} the token names. */
    private static NimbusJwtDecoder fromPublicKey(PublicKey key) {
        JWSAlgorithm algorithm = key instanceof RSAPublicKey ? JWSAlgorithm.RS256 : JWSAlgorithm.ES256;
        return NimbusJwtDecoder.withJwkSource((selector, context) -> List.of())
                .jwsAlgorithm(SignatureAlgorithm.from(algorithm.getName()))
                .jwtProcessorCustomizer(processor -> processor.setJWSKeySelector(new SingleKeyJWSKeySelector<>(algorithm, key)))
                .build();
    }

    static OAuth2TokenValidator<Jwt> validator(OidcProperties properties, Clock clock) {
        JwtTimestampValidator time = new JwtTimestampValidator(properties.clockSkew());
        time.setClock(clock);
        time.setAllowEmptyExpiryClaim(false);
        // typ: a plain JWT or an RFC 9068 access token; other JWTs of the provider (logout tokens…) are refused.
        JwtTypeValidator type = new JwtTypeValidator("JWT", "at+jwt", "application/at+jwt");
        type.setAllowEmpty(true);
        return JwtValidators.createDefaultWithValidators(type, time, new JwtIssuerValidator(properties.issuerUri()),
                new JwtAudienceValidator(properties.audience()));
    }

    /** An RSA or EC public key from a PEM {@code PUBLIC KEY} or {@code CERTIFICATE}. */
    static PublicKey publicKey(String location) {
        Resource resource = location.startsWith("classpath:") || location.startsWith("file:")
                ? new DefaultResourceLoader().getResource(location) : new FileSystemResource(location);
        try (InputStream in = resource.getInputStream()) {
            return publicKeyFromPem(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("vigil.security.oidc.public-key-location: cannot read " + location, e);
        }
    }

    private static PublicKey publicKeyFromPem(String pem) {
        try {
            PublicKey key = pem.contains("BEGIN CERTIFICATE")
                    ? CertificateFactory.getInstance("X.509").generateCertificate(
                            new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))).getPublicKey()
                    : publicKey(Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "")));
            if (key instanceof RSAPublicKey || key instanceof ECPublicKey) {
                return key;
            }
            throw new IllegalStateException("vigil.security.oidc.public-key-location: an RSA or EC key is needed, got "
                    + key.getAlgorithm());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("vigil.security.oidc.public-key-location: not a PEM public key or certificate", e);
        }
    }

    private static PublicKey publicKey(byte[] der) throws GeneralSecurityException {
        X509EncodedKeySpec spec = new X509EncodedKeySpec(der);
        try {
            return KeyFactory.getInstance("RSA").generatePublic(spec);
        } catch (GeneralSecurityException notRsa) {
            return KeyFactory.getInstance("EC").generatePublic(spec);
        }
    }

    /**
     * Discovery on the first token rather than at start-up. Until it succeeds, every token fails as "identity provider unavailable", not as a bad token, and the
     * next token tries again.
     */
    private static final class Discovered implements JwtDecoder {
        private final String issuer;
        private final Supplier<JwtDecoder> discover;
        private volatile JwtDecoder decoder;

        Discovered(String issuer, Supplier<JwtDecoder> discover) {
            this.issuer = issuer;
            this.discover = discover;
        }

        @Override
        public Jwt decode(String token) {
            JwtDecoder current = decoder;
            if (current == null) {
                try {
                    current = discover.get();
                } catch (RuntimeException e) {
                    throw new JwtException("Cannot discover the signing keys of " + issuer + ": " + e.getMessage(), e);
                }
                decoder = current;
            }
            return current.decode(token);
        }
    }
}
