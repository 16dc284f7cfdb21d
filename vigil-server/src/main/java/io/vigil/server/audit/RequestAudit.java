package io.vigil.server.audit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Audits every REST ({@code /api/v1/**}) and FHIR ({@code /fhir/**}) request: who, which action on which resource,
 * for which patient, with what outcome (from the status code). It runs inside the security filter chain, after
 * authentication and around the access decision, so refusals (403, 401) are audited too. Bad passwords never get
 * this far: they are audited as {@code login.failed} by {@link LoginAudit}.
 * <p>
 * Device ingest is not audited here (it has its own filter chain): one event per reading would swamp the trail,
 * and ingest is counted in the metrics and dead-lettered when refused. Query parameter values are never kept —
 * a FHIR search by name or identifier would otherwise put PHI into the trail — only their names.
 * An asynchronous request (event stream, deferred answer) is audited when it starts, with the status known then.
 * Severity: refusals are {@code medium}, and so are changes to devices (registration, secrets, revocation,
 * assignments to patients), which decide whose readings land in whose record; a clinician's access to a patient
 * they see only through a break-glass grant is {@code high}, so every such read stands out to a reviewer;
 * everything else is {@code low}.
 */
public final class RequestAudit extends OncePerRequestFilter {
    /** Request attribute: the patient whose record the answer holds, when only the answer names it (FHIR reads). */
    public static final String PATIENT_ATTRIBUTE = "vigil.audit.patient";
    /** Request attribute: the care unit a ward view or ward stream shows (a unit name, not patient data). */
    public static final String UNIT_ATTRIBUTE = "vigil.audit.unit";

    private final AuditTrail trail;
    private final Clock clock;
    private final BiPredicate<Authentication, String> throughBreakGlass;

    /**
     * @param throughBreakGlass whether the caller sees the patient (by id) only through a break-glass grant
     */
    public RequestAudit(AuditTrail trail, Clock clock, BiPredicate<Authentication, String> throughBreakGlass) {
        this.trail = trail;
        this.clock = clock;
        this.throughBreakGlass = throughBreakGlass;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !(path.startsWith("/api/v1/") || path.startsWith("/fhir/")) || path.equals("/fhir/metadata");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean failed = true;
        try {
            chain.doFilter(request, response);
            failed = false;
        } finally {
            int status = failed ? 500 : response.getStatus();
            RequestTarget target = RequestTarget.of(request).created(response.getHeader("Location"))
                    .answering(request.getAttribute(PATIENT_ATTRIBUTE) instanceof String patient ? patient : null)
                    .showingUnit(request.getAttribute(UNIT_ATTRIBUTE) instanceof String unit ? unit : null);
            Authentication caller = SecurityContextHolder.getContext().getAuthentication();
            boolean anonymous = caller == null || caller instanceof AnonymousAuthenticationToken;
            AuditEvent event = new AuditEvent(clock.instant(), anonymous ? "anonymous" : caller.getName(),
                    anonymous ? null : role(caller), target.action(), target.resourceType(), target.resourceId(),
                    target.patientId(), AuditEvent.Outcome.ofStatus(status), request.getRemoteAddr(),
                    describe(request, target.template()));
            boolean deviceChange = "device".equals(target.resourceType()) && !"GET".equals(request.getMethod());
            if (!anonymous && target.patientId() != null && throughBreakGlass.test(caller, target.patientId())) {
                event = event.withSeverity(AuditEvent.Severity.HIGH);
            } else if (deviceChange && event.severity() == AuditEvent.Severity.LOW) {
                event = event.withSeverity(AuditEvent.Severity.MEDIUM);
            }
            trail.record(event);
        }
    }

    /** The caller's roles, lower case and comma-separated ({@code admin,clinician}); null for nobody. */
    static String role(Authentication caller) {
        if (caller == null) {
            return null;
        }
        return caller.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a != null && a.startsWith("ROLE_"))
                .map(a -> a.substring(5).toLowerCase(java.util.Locale.ROOT)).sorted().collect(Collectors.joining(","));
    }

    /** Method, path template and the names of the query parameters — never their values. */
    private static String describe(HttpServletRequest request, String template) {
        Map<String, String[]> parameters = request.getParameterMap();
        String names = parameters.isEmpty() ? "" : "?" + String.join(",", new TreeSet<>(parameters.keySet()));
        String text = request.getMethod() + " " + template + names;
        return text.length() > 300 ? text.substring(0, 300) : text;
    }
}
