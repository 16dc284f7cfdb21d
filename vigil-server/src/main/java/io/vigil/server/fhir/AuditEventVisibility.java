package io.vigil.server.fhir;

import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Whose audit events a caller may see over FHIR — the one place that decides it. Administrators see every event.
 * Everyone else sees none for now, and the security chain lets only administrators reach {@code /fhir/AuditEvent};
 * when care teams exist, this answers the patients of the caller's care teams (through the access service) and
 * clinicians get let in — the search and read already confine themselves to what this returns.
 */
@Component
class AuditEventVisibility {

    /** The patients whose events the current caller may see: null for all of them, else that set (maybe empty). */
    Set<String> visiblePatients() {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        boolean admin = caller != null && caller.getAuthorities().stream()
                .anyMatch(a -> "ROLE_ADMIN".equals(a.getAuthority()));
        return admin ? null : Set.of();
    }
}
