package io.vigil.server.audit;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Logins and logouts: {@code login.failed} (HTTP Basic and the web form), {@code login.succeeded} and
 * {@code logout}. The actor is the user name that was tried — a user name, not patient data — cut to the column's
 * length.
 * <p>
 * A script sends HTTP Basic on every request, and each is a successful authentication; auditing each as a login
 * would bury the real ones. So a Basic login is recorded once per user and client address, and again only after
 * that pair has been quiet for {@link #BASIC_SESSION} (the same span the server remembers a verified password). A
 * form login is always recorded: it is one deliberate act.
 */
@Component
class LoginAudit {
    static final Duration BASIC_SESSION = Duration.ofMinutes(5);
    private static final int MAX_ACTOR = 100;
    private static final int MAX_REMEMBERED = 10_000;
    private static final String FORM_LOGIN = "POST /login";

    private final AuditTrail trail;
    private final Clock clock;
    /** (user, address) → when its Basic requests were last seen. */
    private final Map<String, Instant> basicSessions = new ConcurrentHashMap<>();

    LoginAudit(AuditTrail trail, Clock clock) {
        this.trail = trail;
        this.clock = clock;
    }

    @EventListener
    void failed(AbstractAuthenticationFailureEvent failure) {
        trail.record(new AuditEvent(clock.instant(), actor(failure.getAuthentication()), null, "login.failed", null,
                null, null, AuditEvent.Outcome.DENIED, address(failure.getAuthentication()),
                failure.getException().getClass().getSimpleName()));
    }

    /** A form login: always one event. */
    @EventListener
    void formLogin(InteractiveAuthenticationSuccessEvent success) {
        succeeded(success.getAuthentication(), FORM_LOGIN);
    }

    /** Any other successful authentication (HTTP Basic, tokens): once per quiet spell of a user at an address. */
    @EventListener
    void authenticated(AuthenticationSuccessEvent success) {
        if (FORM_LOGIN.equals(currentRequest())) {
            return; // the interactive event that follows records it
        }
        Authentication who = success.getAuthentication();
        Instant now = clock.instant();
        Instant lastSeen = basicSessions.put(actor(who) + '\u0000' + address(who), now);
        if (lastSeen != null && now.isBefore(lastSeen.plus(BASIC_SESSION))) {
            return;
        }
        if (basicSessions.size() > MAX_REMEMBERED) {
            basicSessions.values().removeIf(seen -> !now.isBefore(seen.plus(BASIC_SESSION)));
        }
        // HTTP Basic arrives as a user name and password; a bearer token (OIDC) says its own kind.
        succeeded(who, who instanceof UsernamePasswordAuthenticationToken ? "Basic" : who.getClass().getSimpleName());
    }

    @EventListener
    void loggedOut(LogoutSuccessEvent logout) {
        Authentication who = logout.getAuthentication();
        trail.record(new AuditEvent(clock.instant(), actor(who), RequestAudit.role(who), "logout", null, null, null,
                AuditEvent.Outcome.SUCCESS, address(who), "POST /logout"));
    }

    private void succeeded(Authentication who, String how) {
        trail.record(new AuditEvent(clock.instant(), actor(who), RequestAudit.role(who), "login.succeeded", null, null,
                null, AuditEvent.Outcome.SUCCESS, address(who), how));
    }

    private static String actor(Authentication who) {
        String name = who == null ? null : who.getName();
        return name == null || name.isBlank() ? "anonymous" : name.length() > MAX_ACTOR ? name.substring(0, MAX_ACTOR) : name;
    }

    private static String address(Authentication who) {
        return who != null && who.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress() : null;
    }

    private static String currentRequest() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return request.getMethod() + " " + request.getRequestURI();
        }
        return null;
    }
}
