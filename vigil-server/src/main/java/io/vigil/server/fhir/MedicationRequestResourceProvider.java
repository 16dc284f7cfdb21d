package io.vigil.server.fhir;

import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.parser.StrictErrorHandler;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import io.vigil.fhir.FhirJson;
import io.vigil.server.access.PatientAccess;
import io.vigil.server.api.ApiException;
import io.vigil.server.medication.MedicationRequests;
import io.vigil.server.medication.MedicationSchedule;
import io.vigil.server.medication.MedicationSchedules;
import io.vigil.server.medication.ScheduleDraft;
import io.vigil.server.security.Role;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.springframework.stereotype.Component;

/**
 * Medication schedules as {@code MedicationRequest}: create (clinicians; pushed to the patient's dispenser like a
 * REST-created schedule), read, search by {@code patient}/{@code subject}. Only for patients whose clinical data the
 * caller may see. Not for clinical use.
 */
@Component
public class MedicationRequestResourceProvider implements IResourceProvider {
    static final Set<Role> ROLES = EnumSet.of(Role.CLINICIAN, Role.CAREGIVER, Role.INTEGRATION);
    private static final Set<String> SEARCH_PARAMETERS = SearchParameters.search("patient", "subject");

    private final MedicationSchedules schedules;
    private final FhirVisibility visibility;

    MedicationRequestResourceProvider(MedicationSchedules schedules, FhirVisibility visibility) {
        this.schedules = schedules;
        this.visibility = visibility;
    }

    @Override
    public Class<MedicationRequest> getResourceType() {
        return MedicationRequest.class;
    }

    @Read
    public MedicationRequest read(@IdParam IdType id) {
        FhirRoles.requireOneOf("MedicationRequest", ROLES);
        return schedules.find(id.getIdPart()).filter(s -> visibility.seesClinicalData(s.patientId()))
                .map(MedicationRequests::toFhir)
                .orElseThrow(() -> FhirRefusals.notFound("MedicationRequest", id.getIdPart()));
    }

    @Search(allowUnknownParams = true)
    public List<MedicationRequest> search(
            @Description(shortDefinition = "The patient (Patient/<id> or <id>)")
            @OptionalParam(name = MedicationRequest.SP_PATIENT) ReferenceParam patient,
            @Description(shortDefinition = "The subject, a Patient")
            @OptionalParam(name = MedicationRequest.SP_SUBJECT) ReferenceParam subject,
            RequestDetails request) {
        FhirRoles.requireOneOf("MedicationRequest", ROLES);
        SearchParameters.requireOnly(request, SEARCH_PARAMETERS);
        String patientId = PatientParameter.of("MedicationRequest", patient, subject);
        if (patientId == null || !visibility.seesClinicalData(patientId)) {
            return List.of();
        }
        return schedules.forPatient(patientId).stream().map(MedicationRequests::toFhir).toList();
    }

    /**
     * A schedule from a MedicationRequest: subject (a Patient the caller sees), medicationCodeableConcept, one
     * dosageInstruction with timing.repeat (or asNeededBoolean true). 201 with the stored resource; 422 naming the
     * element at fault (VIGIL-1852/1853).
     */
    @Create
    public MethodOutcome create(@ResourceParam String body, @ResourceParam EncodingEnum encoding) {
        FhirRoles.requireOneOf("MedicationRequest", EnumSet.of(Role.CLINICIAN));
        if (encoding == null) {
            throw FhirRefusals.invalid("Send the MedicationRequest as application/fhir+json (or application/fhir+xml)");
        }
        MedicationRequest incoming = encoding.newParser(FhirJson.context()).setParserErrorHandler(new StrictErrorHandler())
                .parseResource(MedicationRequest.class, body);
        if (!incoming.getSubject().hasReference() || !"Patient".equals(incoming.getSubject().getReferenceElement().getResourceType())) {
            throw FhirRefusals.unprocessable("MedicationRequest.subject", "subject is a Patient reference");
        }
        String patientId = incoming.getSubject().getReferenceElement().getIdPart();
        if (!visibility.seesClinicalData(patientId)) {
            throw FhirRefusals.unprocessable("MedicationRequest.subject", "subject is not a patient you may see");
        }
        MedicationSchedule created;
        try {
            ScheduleDraft draft = MedicationRequests.fromFhir(incoming, patientId);
            created = schedules.create(draft, PatientAccess.caller().getName()).schedule();
        } catch (MedicationRequests.Refused refused) {
            throw FhirRefusals.unprocessable(refused.expression(), refused.getMessage());
        } catch (ApiException refused) {
            throw FhirRefusals.of(new ApiException(refused.status(), refused.code(), refused.getMessage(),
                    MedicationRequests.expressionOf(refused.field())));
        }
        return new MethodOutcome(new IdType("MedicationRequest", created.id()), true).setResource(MedicationRequests.toFhir(created));
    }
}
