package io.vigil.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

class JwtAuthoritiesTest {
    private static final OidcProperties KEYCLOAK = properties("realm_access.roles", "units",
            Map.of("vigil-clinician", "clinician", "vigil-interface", "integration"));
    private static final OidcProperties PLAIN = properties("roles", "units", Map.of());

    @Test
    void keycloakRealmRoles_mappedRoleAndEachUnit_becomeAuthorities() {
        AbstractAuthenticationToken caller = new JwtAuthorities(KEYCLOAK).convert(jwt(claims -> claims
                .claim("preferred_username", "dr.okafor")
                .claim("realm_access", Map.of("roles", List.of("offline_access", "vigil-clinician", "uma_authorization")))
                .claim("units", List.of("ward-a", "icu.2"))));

        assertThat(authorities(caller)).containsExactlyInAnyOrder("ROLE_CLINICIAN", "UNIT_ward-a", "UNIT_icu.2");
        assertThat(caller.getName()).isEqualTo("dr.okafor");
        assertThat(caller.isAuthenticated()).isTrue();
    }

    @Test
    void mappingKeys_matchTheIdentityProvidersRoleIgnoringCase() {
        AbstractAuthenticationToken caller = new JwtAuthorities(KEYCLOAK).convert(jwt(claims -> claims
                .claim("realm_access", Map.of("roles", List.of("VIGIL-INTERFACE")))));

        assertThat(authorities(caller)).containsExactly("ROLE_INTEGRATION");
    }

    @Test
    void rolesNamedLikeVigils_needNoMapping() {
        AbstractAuthenticationToken caller = new JwtAuthorities(PLAIN).convert(jwt(claims -> claims
                .claim("roles", List.of("Caregiver", "integration", "superuser"))));

        assertThat(authorities(caller)).containsExactlyInAnyOrder("ROLE_CAREGIVER", "ROLE_INTEGRATION");
    }

    @Test
    void spaceOrCommaSeparatedString_readAsAList() {
        AbstractAuthenticationToken caller = new JwtAuthorities(PLAIN).convert(jwt(claims -> claims
                .claim("roles", "clinician  admin").claim("units", "ward-a,ward-b")));

        assertThat(authorities(caller)).containsExactlyInAnyOrder("ROLE_CLINICIAN", "ROLE_ADMIN", "UNIT_ward-a", "UNIT_ward-b");
    }

    @Test
    void onlyUnknownRoles_authenticatedWithNoRoleAuthority() {
        AbstractAuthenticationToken caller = new JwtAuthorities(KEYCLOAK).convert(jwt(claims -> claims
                .claim("realm_access", Map.of("roles", List.of("offline_access", "clinician-typo")))
                .claim("units", List.of("ward-a"))));

        assertThat(authorities(caller)).containsExactly("UNIT_ward-a");
    }

    @Test
    void malformedUnitIdsAndNonStringEntries_ignored() {
        AbstractAuthenticationToken caller = new JwtAuthorities(PLAIN).convert(jwt(claims -> claims
                .claim("roles", List.of("clinician", 7, Map.of("x", "admin")))
                .claim("units", List.of("ward-a", "ward b", "../icu", "x".repeat(65), "", 42, "ROLE_ADMIN"))));

        assertThat(authorities(caller)).containsExactlyInAnyOrder("ROLE_CLINICIAN", "UNIT_ward-a", "UNIT_ROLE_ADMIN");
        assertThat(authorities(caller)).doesNotContain("ROLE_ADMIN");
    }

    @Test
    void claimPathThroughANonObject_orMissingClaims_giveNoAuthorities() {
        AbstractAuthenticationToken caller = new JwtAuthorities(KEYCLOAK).convert(jwt(claims -> claims
                .claim("realm_access", "clinician")));

        assertThat(authorities(caller)).isEmpty();
    }

    @Test
    void withoutUsernameClaim_nameIsSubject() {
        AbstractAuthenticationToken caller = new JwtAuthorities(PLAIN).convert(jwt(claims -> claims.subject("svc-hl7-feed")));

        assertThat(caller.getName()).isEqualTo("svc-hl7-feed");
    }

    @Test
    void noUsernameAndNoSubject_refusedAsInvalidToken() {
        Jwt anonymous = Jwt.withTokenValue("t").header("alg", "RS256").claim("roles", List.of("clinician"))
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60)).build();

        assertThatThrownBy(() -> new JwtAuthorities(PLAIN).convert(anonymous)).isInstanceOf(InvalidBearerTokenException.class);
    }

    @Test
    void namesTheAuditTrailReserves_refused() {
        for (String reserved : List.of("system", "Anonymous", "device:mon-1")) {
            assertThatThrownBy(() -> new JwtAuthorities(PLAIN).convert(jwt(claims -> claims.claim("preferred_username", reserved))))
                    .as(reserved).isInstanceOf(InvalidBearerTokenException.class);
        }
    }

    @Test
    void properties_enabled_eachMistakeNamedByItsKey() {
        assertThatThrownBy(() -> new OidcProperties(true, " ", null, null, null, "roles", "units", "preferred_username",
                Map.of("vigil-nurse", "nurse"), Duration.ofMinutes(10)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("vigil.security.oidc.issuer-uri").hasMessageContaining("vigil.security.oidc.audience")
                .hasMessageContaining("role-mapping.vigil-nurse").hasMessageContaining("clock-skew");
    }

    @Test
    void properties_disabled_notChecked() {
        assertThat(new OidcProperties(false, null, null, null, null, "roles", "units", "preferred_username", null,
                Duration.ofSeconds(60)).roleMapping()).isEmpty();
    }

    static OidcProperties properties(String rolesClaim, String unitsClaim, Map<String, String> mapping) {
        return new OidcProperties(true, "https://idp.example/realms/vigil", null, null, "vigil-api", rolesClaim, unitsClaim,
                "preferred_username", mapping, Duration.ofSeconds(60));
    }

    private static Jwt jwt(Consumer<Jwt.Builder> claims) {
        Jwt.Builder builder = Jwt.withTokenValue("token").header("alg", "RS256").subject("3f2c9a")
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(300));
        claims.accept(builder);
        return builder.build();
    }

    private static List<String> authorities(AbstractAuthenticationToken caller) {
        return caller.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
    }
}
