package io.vigil.server.delivery;

import io.vigil.server.access.PatientAccess;
import io.vigil.server.access.PatientScope;
import io.vigil.server.security.Role;
import io.vigil.server.security.UserStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Which alerts a webhook's owner may receive: the patients their account may see now ({@link PatientAccess}, from
 * the account's stored roles; a disabled or deleted account sees nobody). Decided again at least every
 * {@link #REFRESH}, so a withdrawn share or care-team change stops deliveries within seconds.
 */
@Component
class OwnerAccess {
    static final Duration REFRESH = Duration.ofSeconds(15);

    private record Known(PatientScope scope, Instant decided) {}

    private final PatientAccess access;
    private final UserStore users;
    private final Clock clock;
    private final Map<String, Known> known = new ConcurrentHashMap<>();

    OwnerAccess(PatientAccess access, UserStore users, Clock clock) {
        this.access = access;
        this.users = users;
        this.clock = clock;
    }

    boolean maySee(String owner, String patient, String unit) {
        Instant now = clock.instant();
        Known k = known.get(owner);
        if (k == null || Duration.between(k.decided(), now).compareTo(REFRESH) > 0 || now.isBefore(k.decided())) {
            k = new Known(access.scopeOf(authenticationOf(owner)), now);
            known.put(owner, k);
        }
        return k.scope().includes(patient, unit);
    }

    /** The stored account as an authentication, to ask {@link PatientAccess}; null (nobody) if disabled or unknown. */
    Authentication authenticationOf(String owner) {
        return users.find(owner).filter(UserStore.Account::enabled)
                .map(account -> (Authentication) UsernamePasswordAuthenticationToken.authenticated(owner, null,
                        account.roles().stream().map(Role::authority).map(SimpleGrantedAuthority::new).toList()))
                .orElse(null);
    }
}
