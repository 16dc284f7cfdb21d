package io.vigil.server.security;

import io.vigil.server.audit.AuditEvent;
import io.vigil.server.audit.AuditTrail;
import io.vigil.server.throttle.TokenBuckets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Login throttling and lockout (OWASP ASVS 2.2.1) around the password check, for HTTP Basic and the login form
 * alike. It sits outside {@link RecentLogins}, so a remembered login does not let a locked name through.
 * <ul>
 *   <li>{@code max-failures} consecutive failures lock a user name for {@code lockout}, doubling with each further
 *       lockout up to {@code max-lockout}; a successful login or an administrator's unlock clears it.</li>
 *   <li>Each client address has a small allowance of failures across all names ({@code address-max-failures},
 *       one forgiven every {@code address-recovery}): password spraying from one address stalls.</li>
 * </ul>
 * A refused attempt gets exactly the answer of a wrong password — and unknown names are counted and locked like
 * real ones — so nobody learns whether a name exists; it is audited as {@code login.locked} or
 * {@code login.throttled}, the start of a lockout as {@code account.locked}.
 */
final class LoginThrottle implements AuthenticationProvider {
    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);
    private static final int MAX_ACTOR = 100;

    /** The refusal of a locked name or a throttled address: to the caller, a wrong password. */
    static final class LoginRefused extends BadCredentialsException {
        LoginRefused() {
            super("Bad credentials");
        }
    }

    private final AuthenticationProvider verifier;
    private final FailedLogins failures;
    private final TokenBuckets addresses;
    private final AuditTrail audit;
    private final Clock clock;

    LoginThrottle(AuthenticationProvider verifier, FailedLogins failures, AuditTrail audit, Clock clock) {
        LoginLimits limits = failures.limits();
        this.verifier = verifier;
        this.failures = failures;
        this.addresses = new TokenBuckets(limits.addressMaxFailures(),
                1e9 / limits.addressRecovery().toNanos(), limits.maxTracked());
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        Instant now = clock.instant();
        String name = attempt.getName();
        String address = attempt.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress() : null;
        if (address != null && !addresses.of(address, now).admits(now)) {
            return refuse(attempt, "login.throttled", address, "address over its failed-login allowance");
        }
        Optional<Instant> lockedUntil = failures.lockedUntil(name, now);
        if (lockedUntil.isPresent()) {
            return refuse(attempt, "login.locked", address, "locked until " + lockedUntil.get());
        }
        try {
            Authentication verified = verifier.authenticate(attempt);
            if (verified != null && verified.isAuthenticated()) {
                failures.succeeded(name);
            }
            return verified;
        } catch (BadCredentialsException e) {
            if (address != null) {
                addresses.of(address, now).charge(1, now);
            }
            failures.failed(name, now).ifPresent(lockout -> locked(lockout, address));
            throw e;
        }
    }

    /**
     * Refuses without checking the password: a locked name or throttled address must not cost an Argon2id hash per
     * attempt. Unknown names lock like real ones, so a refusal's speed tells nothing about which names exist.
     */
    private Authentication refuse(Authentication attempt, String action, String address, String detail) {
        log.info("event={} address={}", action, address);
        audit.record(new AuditEvent(clock.instant(), actor(attempt.getName()), null, action, "user",
                actor(attempt.getName()), null, AuditEvent.Outcome.DENIED, address, detail));
        throw new LoginRefused();
    }

    private void locked(FailedLogins.Lockout lockout, String address) {
        log.warn("event=account.locked until={} lockouts={} address={}", lockout.until(), lockout.lockouts(), address);
        audit.record(new AuditEvent(clock.instant(), "system", null, "account.locked", "user", actor(lockout.userName()),
                null, AuditEvent.Outcome.SUCCESS, address, "locked until " + lockout.until() + " (lockout "
                + lockout.lockouts() + " since the last successful login)"));
    }

    private static String actor(String name) {
        return name == null || name.isBlank() ? "anonymous" : name.length() > MAX_ACTOR ? name.substring(0, MAX_ACTOR) : name;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
