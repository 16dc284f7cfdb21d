package io.vigil.server.fhir;

import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import io.vigil.server.security.Role;
import io.vigil.server.telehealth.TelehealthEncounters;
import io.vigil.server.telehealth.TelehealthSessions;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.IdType;
import org.springframework.stereotype.Component;

/**
 * Telehealth sessions as {@code Encounter}s with class VR (read-only; opened and stopped over REST): read, search by
 * {@code patient}/{@code subject}. Clinicians and integration accounts, for patients they may see.
 */
@Component
public class EncounterResourceProvider implements IResourceProvider {
    private static final Set<Role> ROLES = EnumSet.of(Role.CLINICIAN, Role.INTEGRATION);
    private static final Set<String> SEARCH_PARAMETERS = SearchParameters.search("patient", "subject");

    private final TelehealthSessions sessions;
    private final FhirVisibility visibility;

    EncounterResourceProvider(TelehealthSessions sessions, FhirVisibility visibility) {
        this.sessions = sessions;
        this.visibility = visibility;
    }

    @Override
    public Class<Encounter> getResourceType() {
        return Encounter.class;
    }

    @Read
    public Encounter read(@IdParam IdType id) {
        FhirRoles.requireOneOf("Encounter", ROLES);
        return sessions.find(id.getIdPart()).filter(s -> visibility.seesClinicalData(s.patientId()))
                .map(TelehealthEncounters::toFhir)
                .orElseThrow(() -> FhirRefusals.notFound("Encounter", id.getIdPart()));
    }

    @Search(allowUnknownParams = true)
    public List<Encounter> search(
            @Description(shortDefinition = "The patient (Patient/<id> or <id>)")
            @OptionalParam(name = Encounter.SP_PATIENT) ReferenceParam patient,
            @Description(shortDefinition = "The subject, a Patient")
            @OptionalParam(name = Encounter.SP_SUBJECT) ReferenceParam subject,
            RequestDetails request) {
        FhirRoles.requireOneOf("Encounter", ROLES);
        SearchParameters.requireOnly(request, SEARCH_PARAMETERS);
        String patientId = PatientParameter.of("Encounter", patient, subject);
        if (patientId == null || !visibility.seesClinicalData(patientId)) {
            return List.of();
        }
        return sessions.forPatient(patientId).stream().map(TelehealthEncounters::toFhir).toList();
    }
}
