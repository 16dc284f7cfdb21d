package io.vigil.server.audit;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Views of the web app's clinical pages as {@code page.view} events: the ward page at {@code /} and {@code /ward}
 * naming the unit shown ({@link RequestAudit#UNIT_ATTRIBUTE}); a patient's chart ({@code /patients/{id}}) naming the
 * patient ({@link RequestAudit#PATIENT_ATTRIBUTE}, set only once the caller may see them); the alert inbox, the
 * caregiver view and the RPM worklist and its export. The pages' own data calls and event streams are API
 * requests, audited by {@link RequestAudit}.
 */
@Component
class PageViewAudit implements WebMvcConfigurer, HandlerInterceptor {
    static final String[] CLINICAL_PAGES = {"/", "/ward", "/patients/*", "/alerts", "/care", "/rpm",
        "/rpm/report.csv", "/adherence/*"};

    private final AuditTrail trail;
    private final Clock clock;

    PageViewAudit(AuditTrail trail, Clock clock) {
        this.trail = trail;
        this.clock = clock;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns(CLINICAL_PAGES);
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler, Exception failure) {
        if (!"GET".equals(request.getMethod())) {
            return;
        }
        Authentication viewer = SecurityContextHolder.getContext().getAuthentication();
        boolean anonymous = viewer == null || viewer instanceof AnonymousAuthenticationToken;
        String unit = request.getAttribute(RequestAudit.UNIT_ATTRIBUTE) instanceof String shown ? shown : null;
        String patient = request.getAttribute(RequestAudit.PATIENT_ATTRIBUTE) instanceof String shown ? shown : null;
        int status = failure != null && response.getStatus() < 400 ? 500 : response.getStatus();
        trail.record(new AuditEvent(clock.instant(), anonymous ? "anonymous" : viewer.getName(),
                anonymous ? null : RequestAudit.role(viewer), "page.view", patient != null ? "patient" : "unit",
                patient != null ? patient : unit, patient,
                AuditEvent.Outcome.ofStatus(status), request.getRemoteAddr(), "GET " + request.getRequestURI()));
    }
}
