package io.vigil.server.security;

import io.vigil.server.access.PatientAccess;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Turns a verified access token into a Vigil caller: its name (the username claim, else {@code sub}), one
 * {@code ROLE_<ROLE>} per Vigil role the token's roles map to, and one {@code UNIT_<unit id>} per care unit it names
 * (the convention the patient-access rules read). Roles that map to no Vigil role are ignored: such a caller is
 * authenticated but may do nothing (403 everywhere). Unit ids outside {@code [A-Za-z0-9._-]{1,64}} are ignored too,
 * so a malformed claim can only narrow what the caller sees. A name the audit trail reserves ({@code anonymous},
 * {@code system}, {@code device:…}) is refused.
 */
final class JwtAuthorities implements Converter<Jwt, AbstractAuthenticationToken> {
    private static final Pattern UNIT_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern LIST_SEPARATOR = Pattern.compile("[\\s,]+");
    private static final int MAX_NAME = 100;
    /** Actors the audit trail uses for things that are not people; a token may not pass itself off as one. */
    private static final Set<String> RESERVED_NAMES = Set.of("anonymous", "system");

    private final OidcProperties properties;

    JwtAuthorities(OidcProperties properties) {
        this.properties = properties;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        Set<GrantedAuthority> authorities = new LinkedHashSet<>();
        for (String claimed : strings(claim(jwt.getClaims(), properties.rolesClaim()))) {
            Role role = vigilRole(claimed);
            if (role != null) {
                authorities.add(new SimpleGrantedAuthority(role.authority()));
            }
        }
        for (String unit : strings(claim(jwt.getClaims(), properties.unitsClaim()))) {
            if (UNIT_ID.matcher(unit).matches()) {
                authorities.add(new SimpleGrantedAuthority(PatientAccess.UNIT_AUTHORITY_PREFIX + unit));
            }
        }
        return new JwtAuthenticationToken(jwt, authorities, name(jwt));
    }

    private String name(Jwt jwt) {
        String name = jwt.getClaims().get(properties.usernameClaim()) instanceof String username && !username.isBlank()
                ? username : jwt.getSubject();
        if (name == null || name.isBlank()) {
            throw new InvalidBearerTokenException("The token names no user (no " + properties.usernameClaim() + " or sub)");
        }
        if (RESERVED_NAMES.contains(name.toLowerCase(Locale.ROOT)) || name.startsWith("device:")) {
            throw new InvalidBearerTokenException("The token's user name is reserved for Vigil's own audit actors");
        }
        return name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : name;
    }

    /** The Vigil role an identity-provider role stands for: an explicit mapping first, then Vigil's own role names. */
    private Role vigilRole(String claimed) {
        for (Map.Entry<String, String> mapping : properties.roleMapping().entrySet()) {
            if (mapping.getKey().equalsIgnoreCase(claimed)) {
                return OidcProperties.role(mapping.getValue());
            }
        }
        return OidcProperties.role(claimed);
    }

    /** A claim by dotted path ({@code realm_access.roles}); null when any step is missing or not an object. */
    static Object claim(Map<String, Object> claims, String path) {
        Object current = claims;
        for (String step : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> object)) {
                return null;
            }
            current = object.get(step);
        }
        return current;
    }

    /** A claim's strings: a JSON array, or one string holding a space- or comma-separated list. */
    private static List<String> strings(Object claim) {
        if (claim instanceof Collection<?> values) {
            return values.stream().filter(String.class::isInstance).map(String.class::cast)
                    .map(String::trim).filter(s -> !s.isEmpty()).toList();
        }
        if (claim instanceof String text && !text.isBlank()) {
            return List.of(LIST_SEPARATOR.split(text.trim()));
        }
        return List.of();
    }
}
