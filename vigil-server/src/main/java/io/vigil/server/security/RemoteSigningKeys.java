package io.vigil.server.security;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The identity provider's published signing keys. The JWKS is fetched on the first token, cached for five minutes
 * and fetched again for a key id it does not hold — at most once every {@value #MIN_REFRESH_SECONDS} s, so tokens
 * naming made-up key ids cannot turn Vigil into a flood of requests to the identity provider: within that interval
 * such a token simply finds no key (401).
 */
final class RemoteSigningKeys {
    static final long MIN_REFRESH_SECONDS = 30;
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final int MAX_JWKS_BYTES = 512 * 1024;

    private RemoteSigningKeys() {
    }

    static JWKSource<SecurityContext> at(String jwkSetUri) {
        JWKSource<SecurityContext> fetched;
        try {
            int timeout = (int) TIMEOUT.toMillis();
            fetched = JWKSourceBuilder.<SecurityContext>create(URI.create(jwkSetUri).toURL(),
                            new DefaultResourceRetriever(timeout, timeout, MAX_JWKS_BYTES))
                    .cache(Duration.ofMinutes(5).toMillis(), TIMEOUT.toMillis())
                    .rateLimited(Duration.ofSeconds(MIN_REFRESH_SECONDS).toMillis())
                    .build();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalStateException("vigil.security.oidc.jwk-set-uri is not a URL: " + jwkSetUri, e);
        }
        return (selector, context) -> {
            try {
                return fetched.get(selector, context);
            } catch (RateLimitReachedException e) {
                return List.of();
            }
        };
    }

    /**
     * The JWKS URL the issuer's OpenID discovery document names; the document must name the same issuer
     * (OpenID Connect Discovery 1.0 §4.3).
     */
    static String jwkSetUriOf(String issuer) {
        URI document = URI.create(issuer.replaceAll("/+$", "") + "/.well-known/openid-configuration");
        try {
            HttpResponse<String> answer = HttpClient.newBuilder().connectTimeout(TIMEOUT).build()
                    .send(HttpRequest.newBuilder(document).timeout(TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException(document + " answered " + answer.statusCode());
            }
            Map<?, ?> configuration = JsonMapper.shared().readValue(answer.body(), Map.class);
            if (!issuer.equals(configuration.get("issuer"))) {
                throw new IllegalStateException(document + " names another issuer: " + configuration.get("issuer"));
            }
            if (!(configuration.get("jwks_uri") instanceof String jwks) || jwks.isBlank()) {
                throw new IllegalStateException(document + " names no jwks_uri");
            }
            return jwks;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + document + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading " + document, e);
        }
    }
}
