package io.vigil.server.fhir;

import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import io.vigil.server.rule.PatientLimits;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.IdType;
import org.springframework.stereotype.Component;

/**
 * Per-patient limit overrides as {@code Goal}s ({@link LimitGoals}), read-only: read
 * {@code Goal/limit-<patient id>.<rule id>}, or search by {@code patient} / {@code subject}. Only for patients whose
 * clinical data the caller may see; any other is "not known". Set and removed over REST
 * ({@code /api/v1/patients/{id}/limits}). Not for clinical use.
 */
@Component
public class GoalResourceProvider implements IResourceProvider {
    private static final Set<String> SEARCH_PARAMETERS = SearchParameters.search("patient", "subject");
    private final PatientLimits limits;
    private final FhirVisibility visibility;

    GoalResourceProvider(PatientLimits limits, FhirVisibility visibility) {
        this.limits = limits;
        this.visibility = visibility;
    }

    @Override
    public Class<Goal> getResourceType() {
        return Goal.class;
    }

    @Read
    public Goal read(@IdParam IdType id) {
        FhirRoles.require("Goal");
        String idPart = id.getIdPart();
        return LimitGoals.parse(idPart).filter(ids -> visibility.seesClinicalData(ids[0]))
                .flatMap(ids -> limits.overridesOf(List.of(ids[0])).stream()
                        .filter(l -> l.rule().id().equals(ids[1])).findFirst())
                .map(LimitGoals::of)
                .orElseThrow(() -> FhirRefusals.notFound("Goal", idPart));
    }

    @Search(allowUnknownParams = true)
    public List<Goal> search(
            @Description(shortDefinition = "The patient (Patient/<id> or <id>)")
            @OptionalParam(name = Goal.SP_PATIENT) ReferenceParam patient,
            @Description(shortDefinition = "The subject, a Patient")
            @OptionalParam(name = Goal.SP_SUBJECT) ReferenceParam subject,
            RequestDetails request) {
        FhirRoles.require("Goal");
        SearchParameters.requireOnly(request, SEARCH_PARAMETERS);
        ReferenceParam who = patient != null ? patient : subject;
        if (who == null || (patient != null && subject != null)) {
            throw FhirRefusals.invalid("Search Goal by one of patient or subject");
        }
        if (who.getResourceType() != null && !"Patient".equals(who.getResourceType())) {
            return List.of();
        }
        String patientId = who.getIdPart();
        if (!visibility.seesClinicalData(patientId)) {
            return List.of();
        }
        return limits.overridesOf(List.of(patientId)).stream().map(LimitGoals::of).toList();
    }
}
