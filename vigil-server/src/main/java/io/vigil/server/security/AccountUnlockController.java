package io.vigil.server.security;

import io.vigil.server.api.ApiException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/users/{username}/unlock} (administrators): ends a login lockout at once and clears the
 * name's failure count. Answers 200 whether or not the name was locked (it says which), 404 for a user that does
 * not exist; audited as {@code user.unlock} by the request audit.
 */
@RestController
class AccountUnlockController {
    private static final Logger log = LoggerFactory.getLogger(AccountUnlockController.class);

    /** @param wasLocked whether a lockout was in force */
    record Unlocked(String username, boolean wasLocked) {}

    private final FailedLogins failures;
    private final UserStore users;
    private final Clock clock;

    AccountUnlockController(FailedLogins failures, UserStore users, Clock clock) {
        this.failures = failures;
        this.users = users;
        this.clock = clock;
    }

    // The variable is {id}: the request audit keeps it as the event's resource id.
    @PostMapping("/api/v1/users/{id}/unlock")
    Unlocked unlock(@PathVariable("id") String username) {
        if (!users.exists(username)) {
            throw ApiException.notFound("User");
        }
        boolean wasLocked = failures.unlock(username, clock.instant());
        log.info("event=account.unlocked was_locked={}", wasLocked);
        return new Unlocked(username, wasLocked);
    }
}
