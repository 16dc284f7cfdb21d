package io.vigil.server.security;

import java.util.Locale;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * What a person (or service account) is allowed to do. Which patients they may see is decided separately, by
 * their care teams, shares and break-glass grants ({@link io.vigil.server.access.PatientAccess}).
 */
public enum Role {
    /** Users, devices, configuration; patient registrations but no clinical data unless also a clinician. */
    ADMIN,
    /** The patients of their care teams' units; clinical acts (acknowledge alerts, choose the NEWS2 scale). */
    CLINICIAN,
    /** Only the patients shared with them, read-only. */
    CAREGIVER,
    /** Service accounts of FHIR/HL7 interfaces: reads scoped by their units, no clinical acts. */
    INTEGRATION;

    /** The Spring Security authority, e.g. {@code ROLE_CLINICIAN}. */
    public String authority() {
        return "ROLE_" + name();
    }

    /** The name stored and shown in the API, e.g. {@code clinician}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role fromKey(String key) {
        for (Role role : values()) {
            if (role.key().equals(key)) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role " + key);
    }

    public boolean heldBy(Authentication caller) {
        if (caller == null) {
            return false;
        }
        for (GrantedAuthority granted : caller.getAuthorities()) {
            if (authority().equals(granted.getAuthority())) {
                return true;
            }
        }
        return false;
    }
}
