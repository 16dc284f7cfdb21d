package io.vigil.server.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Login throttling and lockout (OWASP ASVS 2.2.1), prefix {@code vigil.security.login}. Every key is listed in
 * docs/configuration.md.
 *
 * @param maxFailures         consecutive failed logins of one user name that lock it
 * @param lockout             how long the first lockout lasts; each further one without a successful login in
 *                            between lasts twice as long as the one before
 * @param maxLockout          the longest lockout
 * @param addressMaxFailures  failed logins one client address may make in a burst (across all user names)
 * @param addressRecovery     how often one failure of an address is forgiven (the sustained rate)
 * @param maxTracked          most user names and addresses held in memory (each)
 */
@Validated
@ConfigurationProperties("vigil.security.login")
record LoginLimits(@DefaultValue("5") int maxFailures, @DefaultValue("15m") Duration lockout,
                   @DefaultValue("1h") Duration maxLockout, @DefaultValue("20") int addressMaxFailures,
                   @DefaultValue("30s") Duration addressRecovery, @DefaultValue("10000") int maxTracked) {

    LoginLimits {
        if (maxFailures < 1 || addressMaxFailures < 1 || maxTracked < 1) {
            throw new IllegalArgumentException("vigil.security.login: max-failures, address-max-failures and "
                    + "max-tracked must be at least 1");
        }
        if (lockout.isNegative() || lockout.isZero() || maxLockout.compareTo(lockout) < 0
                || addressRecovery.isNegative() || addressRecovery.isZero()) {
            throw new IllegalArgumentException("vigil.security.login: lockout and address-recovery must be positive, "
                    + "max-lockout at least lockout");
        }
    }
}
