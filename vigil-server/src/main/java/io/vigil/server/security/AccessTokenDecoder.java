package io.vigil.server.security;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
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
import java.util.Set;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Verifies access tokens: signature (RS256 or ES256 — never {@code none}, never a shared secret) by a key of the
 * identity provider, {@code exp} (required) and {@code nbf} within the clock skew, {@code iss} and {@code aud}.
 * Keys come from a PEM file, a JWKS URL, or the issuer's discovery document; the two remote ones are fetched on
 * the first token, not at start-up, and the JWKS is cached.
 */
final class AccessTokenDecoder {
    static final Set<SignatureAlgorithm> ALGORITHMS = Set.of(SignatureAlgorithm.RS256, SignatureAlgorithm.ES256);

    private AccessTokenDecoder() {
    }

    static JwtDecoder of(OidcProperties properties, Clock clock) {
        NimbusJwtDecoder decoder = switch (properties.keySource()) {
            case PUBLIC_KEY -> NimbusJwtDecoder.withJwkSource(new ImmutableJWKSet<>(new JWKSet(
                            publicKey(properties.publicKeyLocation()))))
                    .jwsAlgorithms(algorithms -> algorithms.addAll(ALGORITHMS)).build();
            case JWK_SET -> NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri())
                    .jwsAlgorithms(algorithms -> algorithms.addAll(ALGORITHMS)).build();
            case ISSUER_DISCOVERY -> NimbusJwtDecoder.withIssuerLocation(properties.issuerUri())
                    .jwsAlgorithms(algorithms -> algorithms.addAll(ALGORITHMS)).build();
        };
        decoder.setJwtValidator(validator(properties, clock));
        return decoder;
    }

    static OAuth2TokenValidator<Jwt> validator(OidcProperties properties, Clock clock) {
        JwtTimestampValidator time = new JwtTimestampValidator(properties.clockSkew());
        time.setClock(clock);
        time.setAllowEmptyExpiryClaim(false);
        return new DelegatingOAuth2TokenValidator<>(time, new JwtIssuerValidator(properties.issuerUri()),
                new JwtAudienceValidator(properties.audience()));
    }

    /** An RSA or EC public key from a PEM {@code PUBLIC KEY} or {@code CERTIFICATE}. */
    static JWK publicKey(String location) {
        Resource resource = location.startsWith("classpath:") || location.startsWith("file:")
                ? new DefaultResourceLoader().getResource(location) : new FileSystemResource(location);
        try (InputStream in = resource.getInputStream()) {
            return jwk(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("vigil.security.oidc.public-key-location: cannot read " + location, e);
        }
    }

    static JWK jwk(String pem) {
        try {
            PublicKey key = pem.contains("BEGIN CERTIFICATE")
                    ? CertificateFactory.getInstance("X.509").generateCertificate(
                            new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))).getPublicKey()
                    : publicKey(Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "")));
            if (key instanceof RSAPublicKey rsa) {
                return new RSAKey.Builder(rsa).build();
            }
            if (key instanceof ECPublicKey ec) {
                return new ECKey.Builder(Curve.forECParameterSpec(ec.getParams()), ec).build();
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
}
