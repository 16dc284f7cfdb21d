package io.vigil.server.audit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit trail for administrators: {@code GET /api/v1/audit} (newest first) and {@code GET /api/v1/audit/verify}. */
@RestController
@RequestMapping("/api/v1/audit")
class AuditController {

    record EventView(long id, Instant time, String actor, String role, String action, String resourceType,
                     String resourceId, String patient, String outcome, String clientAddress, String request,
                     String severity, String hash) {
        static EventView of(AuditRecord r) {
            AuditEvent e = r.event();
            return new EventView(r.id(), e.time(), e.actor(), e.role(), e.action(), e.resourceType(), e.resourceId(),
                    e.patientId(), e.outcome().code(), e.clientAddress(), e.request(),
                    e.severity() == null ? null : e.severity().code(), r.hash());
        }
    }

    private final AuditTrail trail;

    AuditController(AuditTrail trail) {
        this.trail = trail;
    }

    @GetMapping
    List<EventView> search(@RequestParam(required = false) String patient, @RequestParam(required = false) String actor,
                           @RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
                           @RequestParam(defaultValue = "100") int limit) {
        return trail.search(patient, actor, from, to, limit).stream().map(EventView::of).toList();
    }

    /** {@code {"valid": true, "events": N}} or {@code {"valid": false, "events": N, "brokenAt": id, "reason": "gap"}}. */
    @GetMapping("/verify")
    Map<String, Object> verify() {
        AuditTrail.Verification verification = trail.verify();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("valid", verification.valid());
        body.put("events", verification.events());
        if (verification.brokenAt() != null) {
            body.put("brokenAt", verification.brokenAt());
            body.put("reason", verification.reason());
        }
        return body;
    }
}
