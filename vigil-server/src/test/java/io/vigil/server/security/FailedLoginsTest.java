package io.vigil.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FailedLoginsTest {
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private static final LoginLimits LIMITS = new LoginLimits(5, Duration.ofMinutes(15), Duration.ofHours(1), 20,
            Duration.ofSeconds(30), 1000);

    private final FailedLogins logins = new FailedLogins(LIMITS);

    @Test
    void fifthConsecutiveFailure_locksForFifteenMinutes() {
        for (int i = 1; i < 5; i++) {
            assertThat(logins.failed("nurse", T0)).as("failure " + i).isEmpty();
            assertThat(logins.lockedUntil("nurse", T0)).isEmpty();
        }
        Optional<FailedLogins.Lockout> lockout = logins.failed("nurse", T0);
        assertThat(lockout).hasValueSatisfying(l -> assertThat(l.until()).isEqualTo(T0.plus(Duration.ofMinutes(15))));
        assertThat(logins.lockedUntil("nurse", T0.plus(Duration.ofMinutes(14)))).isPresent();
        assertThat(logins.lockedUntil("nurse", T0.plus(Duration.ofMinutes(15)))).isEmpty();
    }

    @Test
    void success_resetsTheCount() {
        for (int i = 0; i < 4; i++) {
            logins.failed("nurse", T0);
        }
        logins.succeeded("nurse");
        for (int i = 0; i < 4; i++) {
            assertThat(logins.failed("nurse", T0)).isEmpty();
        }
        assertThat(logins.lockedUntil("nurse", T0)).isEmpty();
    }

    @Test
    void repeatedLockouts_doubleUpToTheMaximum() {
        Instant t = T0;
        Duration[] expected = {Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(1)};
        for (Duration duration : expected) {
            Optional<FailedLogins.Lockout> lockout = Optional.empty();
            for (int i = 0; i < 5; i++) {
                lockout = logins.failed("nurse", t);
            }
            Instant at = t;
            assertThat(lockout).hasValueSatisfying(l -> assertThat(Duration.between(at, l.until())).isEqualTo(duration));
            t = lockout.get().until();
        }
    }

    @Test
    void aQuietDay_startsAfresh() {
        for (int i = 0; i < 5; i++) {
            logins.failed("nurse", T0);
        }
        Instant nextDay = T0.plus(Duration.ofDays(1)).plusSeconds(1);
        Optional<FailedLogins.Lockout> lockout = Optional.empty();
        for (int i = 0; i < 5; i++) {
            lockout = logins.failed("nurse", nextDay);
        }
        assertThat(lockout).hasValueSatisfying(l -> assertThat(l.until()).isEqualTo(nextDay.plus(Duration.ofMinutes(15))));
    }

    @Test
    void namesCompareWithoutCase() {
        for (String name : new String[] {"Nurse", "NURSE", "nurse", "nUrse", "nursE"}) {
            logins.failed(name, T0);
        }
        assertThat(logins.lockedUntil("nurse", T0)).isPresent();
    }

    @Test
    void unlock_endsTheLockout_andSaysWhetherThereWasOne() {
        for (int i = 0; i < 5; i++) {
            logins.failed("nurse", T0);
        }
        assertThat(logins.unlock("nurse", T0)).isTrue();
        assertThat(logins.lockedUntil("nurse", T0)).isEmpty();
        assertThat(logins.unlock("nurse", T0)).isFalse();
    }

    @Test
    void sprayOfNames_staysBounded_keepingLockedNames() {
        for (int i = 0; i < 5; i++) {
            logins.failed("nurse", T0);
        }
        for (int i = 0; i < 10_000; i++) {
            logins.failed("guess-" + i, T0.plusSeconds(1));
        }
        assertThat(logins.size()).isLessThanOrEqualTo(1000);
        assertThat(logins.lockedUntil("nurse", T0.plusSeconds(2))).as("locked names go last").isPresent();
    }
}
