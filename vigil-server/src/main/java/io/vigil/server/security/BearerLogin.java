package io.vigil.server.security;

import io.vigil.server.api.ApiErrors;
import io.vigil.server.audit.AuditEvent;
import io.vigil.server.audit.AuditTrail;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.stereotype.Component;

/**
 * OIDC resource-server mode ({@code vigil.security.oidc.enabled=true}): {@code Authorization: Bearer <JWT>} from the
 * hospital's identity provider on the API chain, next to HTTP Basic. Stateless: a token authenticates one request
 * and never creates a session. Without the switch this bean does not exist and nothing JWT-related runs.
 * <p>
 * Refusals: a bad token (signature, expiry, issuer, audience, algorithm) answers 401 {@code VIGIL-1330} with
 * {@code WWW-Authenticate: Bearer error="invalid_token"}; when the identity provider's keys cannot be fetched, 503
 * {@code VIGIL-1332}. Both are audited as {@code login.failed} — without the token or its unverified claims.
 */
@Component
@ConditionalOnBooleanProperty("vigil.security.oidc.enabled")
class BearerLogin {
    private static final Logger log = LoggerFactory.getLogger(BearerLogin.class);
    private static final String REALM = "Bearer realm=\"vigil\"";
    private static final int MAX_DESCRIPTION = 200;

    private final AuthenticationManager tokens;
    private final AuditTrail audit;
    private final Clock clock;

    BearerLogin(OidcProperties properties, AuditTrail audit, Clock clock) {
        JwtDecoder decoder = AccessTokenDecoder.of(properties, clock);
        JwtAuthenticationProvider provider = new JwtAuthenticationProvider(decoder);
        provider.setJwtAuthenticationConverter(new JwtAuthorities(properties));
        this.tokens = token -> {
            try {
                return provider.authenticate(token);
            } catch (AuthenticationServiceException e) {
                throw new IdentityProviderUnavailable(e);
            }
        };
        this.audit = audit;
        this.clock = clock;
        log.info("event=oidc.enabled issuer={} keys={} audience={} rolesClaim={} unitsClaim={}", properties.issuerUri(),
                properties.keySource(), properties.audience(), properties.rolesClaim(), properties.unitsClaim());
    }

    /** Adds bearer-token authentication to a chain that already has HTTP Basic. */
    void configure(HttpSecurity http) throws Exception {
        http.oauth2ResourceServer(o -> o.authenticationEntryPoint(this::challenge).jwt(j -> j.authenticationManager(tokens)))
                .exceptionHandling(x -> x.authenticationEntryPoint(this::challenge));
    }

    /** 401 (or 503) in the API's language, with the challenges a client may answer. */
    private void challenge(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        if (e instanceof IdentityProviderUnavailable) {
            log.warn("event=oidc.keys.unavailable cause={}", e.getCause().getMessage());
            audit(request, "Bearer idp_unavailable");
            response.setHeader("Retry-After", "30");
            SecurityConfiguration.refuse(request, response, HttpStatus.SERVICE_UNAVAILABLE,
                    ApiErrors.IDENTITY_PROVIDER_UNAVAILABLE, "The identity provider's signing keys cannot be fetched now");
        } else if (e instanceof OAuth2AuthenticationException refused) {
            String description = describe(refused);
            audit(request, "Bearer " + refused.getError().getErrorCode());
            response.setHeader("WWW-Authenticate", REALM + ", error=\"invalid_token\", error_description=\"" + description + "\"");
            SecurityConfiguration.refuse(request, response, HttpStatus.UNAUTHORIZED, ApiErrors.BEARER_TOKEN_INVALID,
                    "Bearer token refused: " + description);
        } else {
            response.addHeader("WWW-Authenticate", "Basic realm=\"vigil\"");
            response.addHeader("WWW-Authenticate", REALM);
            SecurityConfiguration.refuse(request, response, HttpStatus.UNAUTHORIZED, ApiErrors.NOT_AUTHENTICATED,
                    "Authentication required");
        }
    }

    private void audit(HttpServletRequest request, String reason) {
        audit.record(new AuditEvent(clock.instant(), "anonymous", null, "login.failed", null, null, null,
                AuditEvent.Outcome.DENIED, request.getRemoteAddr(), reason));
    }

    /** The refusal's reason, fit for a quoted header parameter (RFC 6750 allows no quotes or backslashes). */
    private static String describe(OAuth2AuthenticationException refused) {
        String text = refused.getError().getDescription() == null ? "invalid token" : refused.getError().getDescription();
        String plain = text.replaceAll("[^\\x20-\\x7E]|[\"\\\\]", "'");
        return plain.length() > MAX_DESCRIPTION ? plain.substring(0, MAX_DESCRIPTION) : plain;
    }

    /** The identity provider's keys could not be fetched: not the caller's fault, so not a 401. */
    private static final class IdentityProviderUnavailable extends AuthenticationException {
        IdentityProviderUnavailable(AuthenticationServiceException cause) {
            super("identity provider unavailable", cause);
        }
    }
}
