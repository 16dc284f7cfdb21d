package io.vigil.server.fhir;

import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.parser.StrictErrorHandler;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.SearchTotalModeEnum;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.StringAndListParam;
import ca.uhn.fhir.rest.param.TokenAndListParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import io.vigil.fhir.FhirJson;
import io.vigil.fhir.PatientMapper;
import io.vigil.model.PatientRecord;
import io.vigil.server.api.ApiException;
import io.vigil.server.patient.PatientRegistration;
import io.vigil.server.patient.PatientStore;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.Objects;
import org.hl7.fhir.instance.model.api.IAnyResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.stereotype.Component;

/**
 * Patients over FHIR: read, search by id, MRN and name, and admission by {@code POST /fhir/Patient}. Only patients
 * whose registration the caller may see ({@link FhirVisibility}) are read or found; any other is "not known".
 */
@Component
public class PatientResourceProvider implements IResourceProvider {
    private static final Set<String> SEARCH_PARAMETERS = SearchParameters.search("_id", "identifier", "name", "family", "given");
    private static final Comparator<PatientRecord> ORDER = Comparator
            .comparing(PatientRecord::family, Comparator.nullsLast(String.CASE_INSENSITIVE_ORDER))
            .thenComparing(PatientRecord::given, Comparator.nullsLast(String.CASE_INSENSITIVE_ORDER))
            .thenComparing(PatientRecord::id);

    private final PatientStore patients;
    private final PatientRegistration registration;
    private final FhirVisibility visibility;

    PatientResourceProvider(PatientStore patients, PatientRegistration registration, FhirVisibility visibility) {
        this.patients = patients;
        this.registration = registration;
        this.visibility = visibility;
    }

    @Override
    public Class<Patient> getResourceType() {
        return Patient.class;
    }

    @Read
    public Patient read(@IdParam IdType id) {
        FhirRoles.require("Patient");
        return patients.find(id.getIdPart()).filter(visibility::seesRegistration).map(PatientMapper::toFhir)
                .orElseThrow(() -> FhirRefusals.notFound("Patient", id.getIdPart()));
    }

    @Search(allowUnknownParams = true)
    public IBundleProvider search(
            @Description(shortDefinition = "The patient's logical id")
            @OptionalParam(name = IAnyResource.SP_RES_ID) TokenAndListParam id,
            @Description(shortDefinition = "The medical record number: " + PatientMapper.MRN_SYSTEM + "|{mrn} or {mrn}")
            @OptionalParam(name = Patient.SP_IDENTIFIER) TokenAndListParam identifier,
            @Description(shortDefinition = "Start of the family or given name, any case")
            @OptionalParam(name = Patient.SP_NAME) StringAndListParam name,
            @Description(shortDefinition = "Start of the family name, any case")
            @OptionalParam(name = Patient.SP_FAMILY) StringAndListParam family,
            @Description(shortDefinition = "Start of the given name, any case")
            @OptionalParam(name = Patient.SP_GIVEN) StringAndListParam given,
            @Count Integer count,
            @Offset Integer offset,
            SearchTotalModeEnum totalMode,
            RequestDetails request) {
        FhirRoles.require("Patient");
        SearchParameters.requireOnly(request, SEARCH_PARAMETERS);
        PatientCriteria criteria = new PatientCriteria(id, identifier, name, family, given);
        // The caller's scope applies to every candidate before the page is cut: totals and pages count only those.
        List<Patient> matches = criteria.candidates(patients).stream().filter(criteria::matches)
                .filter(visibility.registrations()).distinct()
                .sorted(ORDER).map(PatientMapper::toFhir).toList();
        return SearchPage.of(matches, Paging.of(offset, count), totalMode != SearchTotalModeEnum.NONE);
    }

    /**
     * Admits a patient: the MRN identifier and a name are required; the care unit is {@code managingOrganization}
     * by identifier ({@value PatientMapper#CARE_UNIT_SYSTEM}), which a clinician must cover (403 VIGIL-1350
     * otherwise); the bed is set through the REST API.
     * Answers 201 with the stored Patient and its Location, 422 naming the element at fault, 409 for a known MRN,
     * 400 for a body that is not a FHIR Patient. The body is parsed strictly: an unknown element (a misspelt
     * {@code birthdate}) is refused, not dropped, so nothing a client sent silently goes missing.
     */
    @Create
    public MethodOutcome create(@ResourceParam String body, @ResourceParam EncodingEnum encoding) {
        if (encoding == null) {
            throw FhirRefusals.invalid("Send the Patient as application/fhir+json (or application/fhir+xml)");
        }
        Patient patient = encoding.newParser(FhirJson.context()).setParserErrorHandler(new StrictErrorHandler())
                .parseResource(Patient.class, body);
        PatientRecord incoming = switch (PatientMapper.fromFhir(patient)) {
            case PatientMapper.Result.Ok ok -> ok.patient();
            case PatientMapper.Result.Invalid invalid -> throw FhirRefusals.unprocessable(invalid.field(), invalid.reason());
        };
        PatientRecord saved;
        try {
            visibility.requireMayAdmitInto(incoming.unit());
            saved = registration.register(incoming);
        } catch (ApiException refused) {
            throw FhirRefusals.of(refused);
        }
        Patient created = PatientMapper.toFhir(saved);
        return new MethodOutcome(new IdType("Patient", Objects.requireNonNull(saved.id())), true).setResource(created);
    }
}
