package io.vigil.server.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import io.vigil.server.audit.RequestAudit;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RiskAssessment;

/**
 * Tells the audit whose record a FHIR read returned: a read of {@code Observation/{id}} names no patient in its
 * URL, but the Observation's subject does. Searches name their patient in their parameters; bundles are left alone.
 */
@Interceptor
final class AuditedPatient {

    @Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
    public boolean outgoing(ServletRequestDetails request, IBaseResource resource) {
        Reference subject = switch (resource) {
            case Observation observation -> observation.getSubject();
            case RiskAssessment risk -> risk.getSubject();
            case org.hl7.fhir.r4.model.MedicationRequest prescription -> prescription.getSubject();
            case org.hl7.fhir.r4.model.MedicationAdministration administration -> administration.getSubject();
            case org.hl7.fhir.r4.model.Encounter encounter -> encounter.getSubject();
            case null, default -> null;
        };
        if (subject != null && "Patient".equals(subject.getReferenceElement().getResourceType())) {
            request.getServletRequest().setAttribute(RequestAudit.PATIENT_ATTRIBUTE, subject.getReferenceElement().getIdPart());
        }
        return true;
    }
}
