package io.vigil.server.fhir;

import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import io.vigil.server.medication.DoseRecords;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.springframework.stereotype.Component;

/**
 * Doses from dispensers as {@code MedicationAdministration} (read-only): {@code completed} when the dispenser reported
 * the dose taken or removed, {@code not-done} when it reported it missed; {@code request} is the schedule
 * (MedicationRequest), {@code device} the dispenser. Search by {@code patient}/{@code subject}, newest first.
 */
@Component
public class MedicationAdministrationResourceProvider implements IResourceProvider {
    private static final Set<String> SEARCH_PARAMETERS = SearchParameters.search("patient", "subject");

    private final DoseRecords doses;
    private final FhirVisibility visibility;

    MedicationAdministrationResourceProvider(DoseRecords doses, FhirVisibility visibility) {
        this.doses = doses;
        this.visibility = visibility;
    }

    @Override
    public Class<MedicationAdministration> getResourceType() {
        return MedicationAdministration.class;
    }

    @Read
    public MedicationAdministration read(@IdParam IdType id) {
        FhirRoles.requireOneOf("MedicationAdministration", MedicationRequestResourceProvider.ROLES);
        return doses.find(id.getIdPart())
                .filter(a -> visibility.seesClinicalData(a.getSubject().getReferenceElement().getIdPart()))
                .orElseThrow(() -> FhirRefusals.notFound("MedicationAdministration", id.getIdPart()));
    }

    @Search(allowUnknownParams = true)
    public List<MedicationAdministration> search(
            @Description(shortDefinition = "The patient (Patient/<id> or <id>)")
            @OptionalParam(name = MedicationAdministration.SP_PATIENT) ReferenceParam patient,
            @Description(shortDefinition = "The subject, a Patient")
            @OptionalParam(name = MedicationAdministration.SP_SUBJECT) ReferenceParam subject,
            RequestDetails request) {
        FhirRoles.requireOneOf("MedicationAdministration", MedicationRequestResourceProvider.ROLES);
        SearchParameters.requireOnly(request, SEARCH_PARAMETERS);
        String patientId = PatientParameter.of("MedicationAdministration", patient, subject);
        if (patientId == null || !visibility.seesClinicalData(patientId)) {
            return List.of();
        }
        return doses.forPatient(patientId);
    }
}
