package io.vigil.server.fhir;

import io.vigil.server.access.PatientAccess;
import io.vigil.server.security.Role;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Whose audit events a caller may see over FHIR — the one place that decides it. Administrators see every event;
 * a clinician sees the events about the patients of their own care teams' units (not those they opened by
 * breaking the glass: that access is what a reviewer checks); nobody else sees any. The search and the read
 * confine themselves to what this returns.
 */
@Component
class AuditEventVisibility {
    private final PatientAccess access;

    AuditEventVisibility(PatientAccess access) {
        this.access = access;
    }

    /** The patients whose events the current caller may see: null for all of them, else that set (maybe empty). */
    Set<String> visiblePatients() {
        Authentication caller = PatientAccess.caller();
        return Role.ADMIN.heldBy(caller) ? null : access.patientsInCareOf(caller);
    }
}
