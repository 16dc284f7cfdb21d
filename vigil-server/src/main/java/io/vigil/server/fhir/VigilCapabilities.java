package io.vigil.server.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;

/**
 * Finishes the CapabilityStatement HAPI generates from the providers: Vigil's name, how to log in, the paging
 * and sorting a search takes, and no {@code _include}/{@code _revinclude} (HAPI advertises them by default; Vigil
 * refuses them).
 */
@Interceptor
final class VigilCapabilities {

    @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
    public void describe(IBaseConformance generated) {
        if (!(generated instanceof CapabilityStatement capability)) {
            return;
        }
        capability.setName(FhirServerConfiguration.NAME).setTitle("Vigil FHIR R4 API").setPublisher(FhirServerConfiguration.NAME);
        CapabilityStatement.CapabilityStatementRestComponent rest = capability.getRestFirstRep();
        rest.getSecurity().setDescription("HTTP Basic authentication with a Vigil user account. Every read and search "
                + "returns only what the caller may see (care teams' units, shares, break-glass); anything else is 404 "
                + "like an unknown id. Patient: every role (admins see every registration); Observation, "
                + "RiskAssessment and Goal (per-patient limit overrides, read-only): clinician, caregiver, integration; Device, Practitioner, CareTeam: admin, clinician, "
                + "integration; Location (zones: site, building, unit, room, bed): every role; AuditEvent (the audit trail, "
                + "IHE BALP shapes): admin; other roles get 403. Creating a "
                + "Patient needs the admin or clinician role.");
        for (CapabilityStatementRestResourceComponent resource : rest.getResource()) {
            resource.getSearchInclude().clear();
            resource.getSearchRevInclude().clear();
            if (resource.hasSearchParam()) {
                resource.setDocumentation(resultParameters(resource.getType()));
            }
        }
    }

    private static String resultParameters(String type) {
        String sort = switch (type) {
            case "Observation" -> " _sort=date (oldest first) or -date (newest first, the default).";
            case "AuditEvent" -> " Newest first. Administrators only.";
            default -> "";
        };
        return "Every parameter is ANDed, comma-separated values are ORed; unsupported parameters and modifiers are "
                + "refused with 400. _count (default " + Paging.DEFAULT_COUNT + ", at most " + Paging.MAX_COUNT + "), "
                + "_offset, _total=none|accurate." + sort;
    }
}
