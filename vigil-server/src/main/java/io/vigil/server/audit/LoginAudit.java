package io.vigil.server.audit;

import java.time.Clock;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Failed logins (HTTP Basic and the web form) as {@code login.failed} events. The actor is the user name that was
 * tried — a user name, not patient data — cut to the column's length.
 */
@Component
class LoginAudit {
    private static final int MAX_ACTOR = 100;

    private final AuditTrail trail;
    private final Clock clock;

    LoginAudit(AuditTrail trail, Clock clock) {
        this.trail = trail;
        this.clock = clock;
    }

    @EventListener
    void failed(AbstractAuthenticationFailureEvent failure) {
        String name = failure.getAuthentication().getName();
        String actor = name == null || name.isBlank() ? "anonymous" : name.length() > MAX_ACTOR ? name.substring(0, MAX_ACTOR) : name;
        String address = failure.getAuthentication().getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress() : null;
        trail.record(new AuditEvent(clock.instant(), actor, null, "login.failed", null, null, null,
                AuditEvent.Outcome.DENIED, address, failure.getException().getClass().getSimpleName()));
    }
}
