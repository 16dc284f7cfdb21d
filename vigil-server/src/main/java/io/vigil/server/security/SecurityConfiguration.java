package io.vigil.server.security;

import io.vigil.server.access.PatientAccess;
import io.vigil.server.api.ApiErrors;
import io.vigil.server.audit.AuditTrail;
import io.vigil.server.audit.RequestAudit;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.ExceptionTranslationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.RequestMatcher;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may call what. Devices authenticate with their secret (checked by the ingest endpoint and the broker);
 * people log in with HTTP Basic (scripts) or a session (browser, CSRF-protected). Everything clinical needs a
 * login; unknown callers get 401 problem+json on the APIs and the login page on the web app.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {
    static final String ADMIN = "ADMIN";
    static final String CLINICIAN = "CLINICIAN";
    static final String CAREGIVER = "CAREGIVER";
    /** Service accounts of FHIR/HL7 interfaces: reads within their units, no clinical acts, no administration. */
    static final String INTEGRATION = "INTEGRATION";

    @Bean
    PasswordEncoder passwordEncoder() {
        return Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    }

    /** Device ingest: no user session; the device secret (Bearer) is checked by the endpoint itself. */
    @Bean
    @Order(1)
    SecurityFilterChain deviceIngest(HttpSecurity http) throws Exception {
        RequestMatcher ingest = request -> "POST".equals(request.getMethod())
                && request.getRequestURI().matches("/api/v1/devices/[^/]+/(measurements|events|interrogations|ble/[^/]+|raw/[^/]+|waveform/[^/]+)|/api/v1/readers/[^/]+/reads");
        return http.securityMatcher(ingest)
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(SecurityHeaders.api())
                .build();
    }

    /** REST, FHIR and metrics: HTTP Basic for scripts, the browser's session for the web app's own calls. */
    @Bean
    @Order(2)
    SecurityFilterChain apis(HttpSecurity http, AuditTrail audit, Clock clock, PatientAccess access,
                             UserStore accounts, ObjectProvider<BearerLogin> bearer)
            throws Exception {
        RequestMatcher scripted = request -> request.getHeader("Authorization") != null;
        BearerLogin bearerLogin = bearer.getIfAvailable();
        if (bearerLogin != null) {
            bearerLogin.configure(http);
        }
        return http.securityMatcher("/api/**", "/fhir/**", "/actuator/**")
                .authorizeHttpRequests(a -> a
                        // The dispatch that ends an event stream: its request was authorized when it began,
                        // and its session may be gone by now (logout ends the session's streams).
                        .dispatcherTypeMatchers(DispatcherType.ASYNC).permitAll()
                        .requestMatchers("/actuator/health/**", "/actuator/health").permitAll()
                        .requestMatchers(HttpMethod.GET, "/fhir/metadata").permitAll()
                        .requestMatchers("/actuator/**").hasRole(ADMIN)
                        .requestMatchers(HttpMethod.POST, "/api/v1/devices", "/api/v1/devices/*/assignments").hasRole(ADMIN)
                        .requestMatchers(HttpMethod.PATCH, "/api/v1/devices/**").hasRole(ADMIN)
                        .requestMatchers("/api/v1/devices/*/secret").hasRole(ADMIN)
                        // Devices and their assignments: those who fix assignments (patients are filtered per caller).
                        .requestMatchers(HttpMethod.GET, "/api/v1/devices", "/api/v1/devices/**").hasAnyRole(ADMIN, CLINICIAN)
                        .requestMatchers("/api/v1/dead-letters/**", "/api/v1/audit/**", "/api/v1/audit").hasRole(ADMIN)
                        .requestMatchers("/fhir/AuditEvent", "/fhir/AuditEvent/**").hasAnyRole(ADMIN, CLINICIAN)
                        // HL7 v2 from an interface engine or gateway: integration accounts and administrators.
                        .requestMatchers(HttpMethod.POST, "/api/v1/hl7").hasAnyRole(ADMIN, Role.INTEGRATION.name())
                        .requestMatchers("/api/v1/templates", "/api/v1/templates/**").hasRole(ADMIN)
                        // Secure tags: keys, registrations, revocations and the scan log are for administrators;
                        // scanning a tag (POST /api/v1/tags/scan) is for anyone with a clinical or admin role.
                        .requestMatchers(HttpMethod.POST, "/api/v1/tags/scan").hasAnyRole(ADMIN, CLINICIAN)
                        .requestMatchers("/api/v1/tag-profiles", "/api/v1/tag-profiles/**", "/api/v1/tags",
                                "/api/v1/tags/**", "/api/v1/tag-scans").hasRole(ADMIN)
                        // Zones and readers: administrators register them; where things are follows patient access.
                        .requestMatchers(HttpMethod.POST, "/api/v1/zones", "/api/v1/readers").hasRole(ADMIN)
                        .requestMatchers(HttpMethod.GET, "/api/v1/readers").hasRole(ADMIN)
                        .requestMatchers(HttpMethod.POST, "/api/v1/bedside/identifications", "/api/v1/bedside/confirmations")
                                .hasRole(CLINICIAN)
                        .requestMatchers(HttpMethod.POST, "/api/v1/patients", "/fhir/Patient").hasAnyRole(ADMIN, CLINICIAN)
                        // Admitting (to a unit and bed) and discharging: administrators.
                        .requestMatchers("/api/v1/patients/*/admission", "/api/v1/patients/*/discharge", "/api/v1/discharged-patients")
                        .hasRole(ADMIN)
                        // Choosing the SpO2 scale is a clinical decision: clinicians only, not administrators.
                        .requestMatchers(HttpMethod.PUT, "/api/v1/patients/*/news2-scale").hasRole(CLINICIAN)
                        .requestMatchers(HttpMethod.PUT, "/api/v1/patients/*/limits/*").hasRole(CLINICIAN)
                        .requestMatchers(HttpMethod.DELETE, "/api/v1/patients/*/limits/*").hasRole(CLINICIAN)
                        // Acknowledging and resolving alerts are clinical acts: clinicians only.
                        .requestMatchers(HttpMethod.POST, "/api/v1/alerts/*/ack", "/api/v1/alerts/*/resolve",
                                "/api/v1/alerts/*/snooze").hasRole(CLINICIAN)
                        // Who holds an alert: clinicians assign, take and give back alerts, and see who could hold one.
                        .requestMatchers(HttpMethod.POST, "/api/v1/alerts/*/assign", "/api/v1/alerts/*/unassign")
                                .hasRole(CLINICIAN)
                        .requestMatchers(HttpMethod.GET, "/api/v1/alerts/*/assignees").hasRole(CLINICIAN)
                        // Alert delivery: webhooks and FHIR Subscriptions for integrations (and administrators who set
                        // them up for an integration account); alert-only subscriptions for those who follow a patient.
                        .requestMatchers("/api/v1/webhooks", "/api/v1/webhooks/**", "/fhir/Subscription",
                                "/fhir/Subscription/**").hasAnyRole(ADMIN, INTEGRATION)
                        .requestMatchers("/api/v1/alert-subscriptions", "/api/v1/alert-subscriptions/**")
                                .hasAnyRole(CLINICIAN, CAREGIVER)
                        // Accounts, care teams and the review of break-glass grants: administrators.
                        .requestMatchers("/api/v1/users/**", "/api/v1/users", "/api/v1/care-teams/**", "/api/v1/care-teams",
                                "/api/v1/break-glass").hasRole(ADMIN)
                        // Breaking the glass is a clinician's emergency act; sharing is for those who see the patient.
                        .requestMatchers(HttpMethod.POST, "/api/v1/patients/*/break-glass").hasRole(CLINICIAN)
                        .requestMatchers("/api/v1/patients/*/shares/**", "/api/v1/patients/*/shares").hasAnyRole(ADMIN, CLINICIAN)
                        // Clinical notes and monitoring time (the RPM report): written and read by clinicians.
                        .requestMatchers("/api/v1/patients/*/notes", "/api/v1/patients/*/monitoring-time").hasRole(CLINICIAN)
                        // Medication schedules are prescriptions: clinicians write them (REST and FHIR); adherence is read
                        // by whoever sees the patient (the GET rule below). Telehealth sessions: clinicians.
                        .requestMatchers(HttpMethod.POST, "/api/v1/patients/*/medication-schedules", "/fhir/MedicationRequest")
                                .hasRole(CLINICIAN)
                        .requestMatchers("/api/v1/patients/*/telehealth-sessions", "/api/v1/patients/*/telehealth-sessions/**")
                                .hasRole(CLINICIAN)
                        // Edge gateways: administrators put devices under a gateway account; the gateway (an
                        // integration account) forwards its devices' readings and fetches its roster.
                        .requestMatchers("/api/v1/edge/gateways", "/api/v1/edge/gateways/**").hasRole(ADMIN)
                        .requestMatchers(HttpMethod.POST, "/api/v1/edge/readings").hasRole(INTEGRATION)
                        .requestMatchers(HttpMethod.GET, "/api/v1/edge/roster").hasRole(INTEGRATION)
                        // When devices were last heard from: those who manage devices.
                        .requestMatchers("/api/v1/device-activity").hasAnyRole(ADMIN, CLINICIAN)
                        // FHIR Bulk Data export: staff (administrators, clinicians, integration accounts), never
                        // caregivers; cancelling (DELETE on the status URL) too. System level: see BulkExportProvider.
                        .requestMatchers("/fhir/$export", "/fhir/Patient/$export", "/fhir/Group/*/$export",
                                "/fhir/$export-poll-status", "/fhir/$export-file", "/fhir/Group", "/fhir/Group/**")
                                .hasAnyRole(ADMIN, CLINICIAN, INTEGRATION)
                        // Reads need a role: a token whose roles map to none of Vigil's is allowed nothing.
                        .requestMatchers(HttpMethod.GET, "/api/**", "/fhir/**").hasAnyRole(ADMIN, CLINICIAN, CAREGIVER, INTEGRATION)
                        .anyRequest().hasAnyRole(ADMIN, CLINICIAN))
                .httpBasic(b -> b.authenticationEntryPoint((request, response, e) -> {
                    response.setHeader("WWW-Authenticate", "Basic realm=\"vigil\"");
                    refuse(request, response, HttpStatus.UNAUTHORIZED, ApiErrors.NOT_AUTHENTICATED, "Authentication required");
                }))
                .exceptionHandling(x -> x.accessDeniedHandler((request, response, e) -> {
                    // No caller yet when the CSRF check refuses, before anyone is authenticated.
                    Authentication caller = SecurityContextHolder.getContext().getAuthentication();
                    boolean roleless = caller != null && caller.getAuthorities().stream()
                            .noneMatch(a -> a.getAuthority() != null && a.getAuthority().startsWith("ROLE_"));
                    refuse(request, response, HttpStatus.FORBIDDEN, roleless ? ApiErrors.NO_VIGIL_ROLE : ApiErrors.FORBIDDEN,
                            roleless ? "Your identity gives you no Vigil role" : "Your role may not do this");
                }))
                .csrf(c -> c.ignoringRequestMatchers(scripted))
                .headers(SecurityHeaders.api())
                // Inside the chain, after authentication and around the access decision: refusals are audited too.
                .addFilterBefore(new RequestAudit(audit, clock, access::throughBreakGlass), ExceptionTranslationFilter.class)
                .addFilterAfter(new SessionAccountCheck(accounts), SecurityContextHolderFilter.class)
                .build();
    }

    /** The web app: form login, session, CSRF. */
    @Bean
    @Order(3)
    SecurityFilterChain webApp(HttpSecurity http, UserStore accounts) throws Exception {
        return http
                .addFilterAfter(new SessionAccountCheck(accounts), SecurityContextHolderFilter.class)
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/login", "/error", "/webjars/**", "/css/**", "/js/**", "/favicon.ico").permitAll()
                        // Screens by role: administrators manage, clinicians treat, caregivers follow.
                        .requestMatchers("/admin", "/admin/**").hasRole(ADMIN)
                        .requestMatchers("/patients/**", "/alerts", "/rpm", "/rpm/**").hasRole(CLINICIAN)
                        .requestMatchers("/care").hasRole(CAREGIVER)
                        .requestMatchers("/adherence/**").hasAnyRole(CLINICIAN, CAREGIVER)
                        .anyRequest().authenticated())
                .formLogin(f -> f.loginPage("/login").defaultSuccessUrl("/", true).permitAll())
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                .exceptionHandling(x -> x.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/login")))
                .headers(SecurityHeaders.webApp())
                .build();
    }

    /** Refusals speak each API's language: OperationOutcome on /fhir, problem+json elsewhere. */
    static void refuse(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code,
                               String detail) throws IOException {
        if (request.getRequestURI().startsWith("/fhir")) {
            operationOutcome(response, status, code, detail);
        } else {
            problem(response, status, code, detail);
        }
    }

    private static void operationOutcome(HttpServletResponse response, HttpStatus status, String code, String detail)
            throws IOException {
        Map<String, Object> coding = Map.of("system", "https://vigil.io/errors", "code", code);
        Map<String, Object> issue = Map.of("severity", "error",
                "code", status == HttpStatus.UNAUTHORIZED ? "login" : status == HttpStatus.FORBIDDEN ? "forbidden" : "transient",
                "details", Map.of("coding", List.of(coding), "text", detail));
        response.setStatus(status.value());
        response.setContentType("application/fhir+json");
        response.getWriter().write(JsonMapper.shared().writeValueAsString(
                Map.of("resourceType", "OperationOutcome", "issue", List.of(issue))));
    }

    private static void problem(HttpServletResponse response, HttpStatus status, String code, String detail)
            throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "https://vigil.io/problems/" + code);
        body.put("title", status.getReasonPhrase());
        body.put("status", status.value());
        body.put("detail", detail);
        body.put("code", code);
        response.setStatus(status.value());
        response.setContentType("application/problem+json");
        response.getWriter().write(JsonMapper.shared().writeValueAsString(body));
    }
}
