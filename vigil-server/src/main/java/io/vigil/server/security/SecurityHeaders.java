package io.vigil.server.security;

import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * The response headers every filter chain writes: a Content-Security-Policy with {@code frame-ancestors 'none'} (and
 * X-Frame-Options DENY for older browsers), {@code X-Content-Type-Options: nosniff}, {@code Referrer-Policy:
 * no-referrer}, no caching of authenticated responses, and HSTS (one year, subdomains) — which Spring Security writes
 * on TLS requests only, so plain-HTTP demo runs never pin a browser to HTTPS.
 */
final class SecurityHeaders {
    /** APIs return data, never pages: nothing may load from them or frame them. */
    static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    /** The web app loads only its own scripts, styles and event streams. */
    static final String WEB_APP_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";
    private static final int ONE_YEAR = 31_536_000;

    private SecurityHeaders() {
    }

    static Customizer<HeadersConfigurer<HttpSecurity>> api() {
        return headers -> common(headers, API_POLICY);
    }

    static Customizer<HeadersConfigurer<HttpSecurity>> webApp() {
        return headers -> common(headers, WEB_APP_POLICY);
    }

    private static void common(HeadersConfigurer<HttpSecurity> headers, String policy) {
        headers.contentSecurityPolicy(csp -> csp.policyDirectives(policy))
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                .frameOptions(HeadersConfigurer.FrameOptionsConfig::deny)
                .contentTypeOptions(Customizer.withDefaults())
                .httpStrictTransportSecurity(hsts -> hsts.includeSubDomains(true).maxAgeInSeconds(ONE_YEAR));
    }
}
