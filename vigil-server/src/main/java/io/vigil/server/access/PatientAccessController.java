package io.vigil.server.access;

import io.vigil.server.api.ApiErrors;
import io.vigil.server.api.ApiException;
import io.vigil.server.audit.AuditEvent;
import io.vigil.server.audit.AuditTrail;
import io.vigil.server.security.Role;
import io.vigil.server.security.UserStore;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who else may see a patient: shares with caregivers ({@code /api/v1/patients/{id}/shares/{username}}, by an
 * administrator or a clinician who sees the patient) and break-glass ({@code POST /api/v1/patients/{id}/break-glass}
 * with a reason, clinicians only; reviewed by administrators at {@code GET /api/v1/break-glass}).
 */
@RestController
class PatientAccessController {
    record BreakGlassBody(String reason) {}

    record BreakGlassView(String id, String patient, String user, Instant openedAt, Instant expiresAt, String reason) {
        static BreakGlassView of(BreakGlassGrants.Grant g) {
            return new BreakGlassView(g.id(), g.patientId(), g.username(), g.openedAt(), g.expiresAt(), g.reason());
        }
    }

    private final PatientAccess access;
    private final PatientShares shares;
    private final BreakGlassGrants grants;
    private final UserStore users;
    private final AccessProperties properties;
    private final AuditTrail audit;
    private final Clock clock;

    PatientAccessController(PatientAccess access, PatientShares shares, BreakGlassGrants grants, UserStore users,
                            AccessProperties properties, AuditTrail audit, Clock clock) {
        this.access = access;
        this.shares = shares;
        this.grants = grants;
        this.users = users;
        this.properties = properties;
        this.audit = audit;
        this.clock = clock;
    }

    @GetMapping("/api/v1/patients/{id}/shares")
    List<PatientShares.Share> sharesOf(@PathVariable String id, Authentication caller) {
        requireSharer(caller, id);
        return shares.ofPatient(id);
    }

    @PutMapping("/api/v1/patients/{id}/shares/{username}")
    ResponseEntity<PatientShares.Share> share(@PathVariable String id, @PathVariable String username, Authentication caller) {
        requireSharer(caller, id);
        if (!users.holds(username, Role.CAREGIVER)) {
            throw new ApiException(HttpStatus.BAD_REQUEST, ApiErrors.NOT_A_CAREGIVER,
                    "Patients are shared only with enabled users who hold the caregiver role", "username");
        }
        shares.share(id, username, caller.getName());
        PatientShares.Share share = shares.ofPatient(id).stream().filter(s -> s.username().equals(username)).findFirst().orElseThrow();
        return ResponseEntity.ok(share);
    }

    @DeleteMapping("/api/v1/patients/{id}/shares/{username}")
    ResponseEntity<Void> unshare(@PathVariable String id, @PathVariable String username, Authentication caller) {
        requireSharer(caller, id);
        if (!shares.unshare(id, username)) {
            throw ApiException.notFound("Share");
        }
        return ResponseEntity.noContent().build();
    }

    /**
     * Opens the patient to this clinician for {@code vigil.access.break-glass-for}, whatever their care teams. The
     * patient must exist (a 404 otherwise); the reason is kept with the grant; the event is audited at high severity.
     */
    @PostMapping("/api/v1/patients/{id}/break-glass")
    ResponseEntity<BreakGlassView> breakGlass(@PathVariable String id, @RequestBody(required = false) BreakGlassBody body,
                                              Authentication caller, HttpServletRequest request) {
        String reason = body == null || body.reason() == null ? "" : body.reason().strip();
        if (reason.length() < properties.minReasonLength() || reason.length() > 500) {
            throw new ApiException(HttpStatus.BAD_REQUEST, ApiErrors.BREAK_GLASS_REASON_REQUIRED,
                    "Breaking the glass needs a reason of " + properties.minReasonLength() + " to 500 characters", "reason");
        }
        if (!access.exists(id)) {
            throw ApiException.notFound("Patient");
        }
        BreakGlassGrants.Grant grant = grants.open(caller.getName(), id, reason, properties.breakGlassFor());
        audit.record(new AuditEvent(clock.instant(), caller.getName(), Role.CLINICIAN.key(), "break-glass.opened",
                "Patient", id, id, AuditEvent.Outcome.SUCCESS, request.getRemoteAddr(),
                "POST /api/v1/patients/{id}/break-glass").withSeverity(AuditEvent.Severity.HIGH));
        return ResponseEntity.created(URI.create("/api/v1/break-glass/" + grant.id())).body(BreakGlassView.of(grant));
    }

    /** Break-glass grants of the last {@code days} days (default 7), for review. */
    @GetMapping("/api/v1/break-glass")
    List<BreakGlassView> recentBreakGlass(@RequestParam(defaultValue = "7") int days) {
        if (days < 1 || days > 366) {
            throw ApiException.invalid("days", "days must be 1 to 366");
        }
        return grants.recent(Duration.ofDays(days)).stream().map(BreakGlassView::of).toList();
    }

    /** Administrators share any patient; clinicians the patients they see; a patient the caller may not see is 404. */
    private void requireSharer(Authentication caller, String patientId) {
        boolean allowed = Role.ADMIN.heldBy(caller) ? access.canSeeRegistration(caller, patientId) : access.canSee(caller, patientId);
        if (!allowed) {
            throw ApiException.notFound("Patient");
        }
    }
}
