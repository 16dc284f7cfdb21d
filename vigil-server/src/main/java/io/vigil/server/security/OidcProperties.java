package io.vigil.server.security;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The hospital identity provider whose JWT access tokens Vigil accepts as {@code Authorization: Bearer} on
 * {@code /api/**} and {@code /fhir/**} (prefix {@code vigil.security.oidc}; off by default). Every key is listed in
 * docs/configuration.md.
 *
 * @param enabled           whether bearer tokens are accepted at all
 * @param issuerUri         the {@code iss} every token must carry; also where the signing keys are discovered
 *                          ({@code /.well-known/openid-configuration}) unless one of the next two is set
 * @param jwkSetUri         where the identity provider publishes its signing keys (JWKS), fetched on the first token
 * @param publicKeyLocation a PEM public key or certificate (file path, {@code file:} or {@code classpath:}) for offline
 *                          setups; wins over the two above
 * @param audience          the {@code aud} every token must contain (Vigil's client id at the identity provider)
 * @param rolesClaim        the claim holding the caller's roles; a dotted path reaches into objects
 *                          ({@code realm_access.roles} for Keycloak)
 * @param unitsClaim        the claim holding the care units the caller works in (dotted path allowed)
 * @param usernameClaim     the claim naming the caller in the audit trail; {@code sub} when the token lacks it
 * @param roleMapping       identity-provider role name → Vigil role ({@code admin}, {@code clinician},
 *                          {@code caregiver}, {@code integration}); roles already named like Vigil's need no entry
 * @param clockSkew         tolerance on {@code exp} and {@code nbf}
 */
@ConfigurationProperties("vigil.security.oidc")
public record OidcProperties(
        @DefaultValue("false") boolean enabled,
        String issuerUri,
        String jwkSetUri,
        String publicKeyLocation,
        String audience,
        @DefaultValue("roles") String rolesClaim,
        @DefaultValue("units") String unitsClaim,
        @DefaultValue("preferred_username") String usernameClaim,
        @DefaultValue Map<String, String> roleMapping,
        @DefaultValue("60s") Duration clockSkew) {

    /** Refuses, when enabled, a configuration that would make every token fail (or pass), naming each key. */
    public OidcProperties {
        roleMapping = roleMapping == null ? Map.of() : Map.copyOf(roleMapping);
        if (enabled) {
            List<String> problems = problems(issuerUri, audience, rolesClaim, unitsClaim, usernameClaim, clockSkew, roleMapping);
            if (!problems.isEmpty()) {
                throw new IllegalStateException("OIDC resource-server mode is misconfigured: " + String.join("; ", problems));
            }
        }
    }

    /** Where the signing keys come from. */
    enum KeySource { PUBLIC_KEY, JWK_SET, ISSUER_DISCOVERY }

    KeySource keySource() {
        if (present(publicKeyLocation)) {
            return KeySource.PUBLIC_KEY;
        }
        return present(jwkSetUri) ? KeySource.JWK_SET : KeySource.ISSUER_DISCOVERY;
    }

    /** The mistakes that would make every token fail (or pass) — each named by its key; empty when usable. */
    private static List<String> problems(String issuerUri, String audience, String rolesClaim, String unitsClaim,
                                         String usernameClaim, Duration clockSkew, Map<String, String> roleMapping) {
        List<String> problems = new ArrayList<>();
        if (!present(issuerUri)) {
            problems.add("vigil.security.oidc.issuer-uri is required (the iss every token must carry)");
        }
        if (!present(audience)) {
            problems.add("vigil.security.oidc.audience is required (the aud every token must contain)");
        }
        if (!present(rolesClaim) || !present(unitsClaim) || !present(usernameClaim)) {
            problems.add("vigil.security.oidc.roles-claim, units-claim and username-claim must not be blank");
        }
        if (clockSkew == null || clockSkew.isNegative() || clockSkew.compareTo(Duration.ofMinutes(5)) > 0) {
            problems.add("vigil.security.oidc.clock-skew must be between 0s and 5m, was " + clockSkew);
        }
        roleMapping.forEach((from, to) -> {
            if (role(to) == null) {
                problems.add("vigil.security.oidc.role-mapping." + from + " maps to '" + to + "', not one of "
                        + Arrays.stream(Role.values()).map(Role::key).toList());
            }
        });
        return problems;
    }

    /** The Vigil role a configured or claimed name stands for, ignoring case; null for none. */
    static Role role(String name) {
        return Arrays.stream(Role.values()).filter(role -> role.key().equalsIgnoreCase(name == null ? "" : name.trim()))
                .findFirst().orElse(null);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
