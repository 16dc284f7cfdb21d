package io.vigil.server.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Consecutive failed logins per user name, and the lockouts they cause. In memory (one node), bounded: when full,
 * the names with the oldest failure are forgotten first, unlocked ones before locked ones. Names are compared
 * without case (stricter than the user store: {@code Admin} and {@code admin} share one count). A name with no
 * failure for a day starts afresh (its lockouts stop growing).
 */
@Component
final class FailedLogins {
    private static final Duration FORGET_AFTER = Duration.ofDays(1);

    /** @param lockouts lockouts since the last successful login; the next one lasts {@code lockout × 2^lockouts} */
    private record Account(int failures, int lockouts, Instant lockedUntil, Instant lastFailure) {
        boolean lockedAt(Instant now) {
            return lockedUntil != null && now.isBefore(lockedUntil);
        }
    }

    /** A lockout that has just begun. */
    record Lockout(String userName, Instant until, int lockouts) {}

    private final LoginLimits limits;
    private final Map<String, Account> accounts = new ConcurrentHashMap<>();

    FailedLogins(LoginLimits limits) {
        this.limits = limits;
    }

    LoginLimits limits() {
        return limits;
    }

    /** When the name's lockout ends, if it is locked now. */
    Optional<Instant> lockedUntil(String userName, Instant now) {
        Account account = accounts.get(key(userName));
        return account != null && account.lockedAt(now) ? Optional.of(account.lockedUntil()) : Optional.empty();
    }

    /** Counts a failure; returns the lockout it starts, if it is the one that reaches the limit. */
    Optional<Lockout> failed(String userName, Instant now) {
        String key = key(userName);
        if (!accounts.containsKey(key) && accounts.size() >= limits.maxTracked()) {
            makeRoom(now);
        }
        boolean[] locks = {false};
        Account account = accounts.compute(key, (k, before) -> {
            Account after = next(before, now);
            locks[0] = after.lockedAt(now) && (before == null || !before.lockedAt(now));
            return after;
        });
        return locks[0] ? Optional.of(new Lockout(key, account.lockedUntil(), account.lockouts())) : Optional.empty();
    }

    private Account next(Account before, Instant now) {
        Account current = before;
        if (current != null && !current.lastFailure().plus(FORGET_AFTER).isAfter(now)) {
            current = null;
        }
        if (current == null) {
            current = new Account(0, 0, null, now);
        }
        if (current.lockedAt(now)) {
            return current;
        }
        int failures = current.failures() + 1;
        if (failures < limits.maxFailures()) {
            return new Account(failures, current.lockouts(), current.lockedUntil(), now);
        }
        return new Account(0, current.lockouts() + 1, now.plus(lockoutAfter(current.lockouts())), now);
    }

    /** {@code lockout × 2^previous}, at most {@code max-lockout}. */
    private Duration lockoutAfter(int previousLockouts) {
        Duration duration = limits.lockout();
        for (int i = 0; i < previousLockouts && duration.compareTo(limits.maxLockout()) < 0; i++) {
            duration = duration.multipliedBy(2);
        }
        return duration.compareTo(limits.maxLockout()) > 0 ? limits.maxLockout() : duration;
    }

    /** A successful login clears the name's record. */
    void succeeded(String userName) {
        accounts.remove(key(userName));
    }

    /** Ends a lockout and clears the count; returns whether the name was locked. */
    boolean unlock(String userName, Instant now) {
        Account removed = accounts.remove(key(userName));
        return removed != null && removed.lockedAt(now);
    }

    int size() {
        return accounts.size();
    }

    private synchronized void makeRoom(Instant now) {
        int target = Math.max(0, limits.maxTracked() * 9 / 10);
        accounts.entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, Account>, Boolean>comparing(e -> e.getValue().lockedAt(now))
                        .thenComparing(e -> e.getValue().lastFailure()))
                .limit(Math.max(1, accounts.size() - target))
                .map(Map.Entry::getKey)
                .toList()
                .forEach(accounts::remove);
    }

    static String key(String userName) {
        return userName == null ? "" : userName.toLowerCase(Locale.ROOT);
    }
}
