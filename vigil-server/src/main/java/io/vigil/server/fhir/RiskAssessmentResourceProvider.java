package io.vigil.server.fhir;

import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import io.vigil.server.clinical.News2History;
import io.vigil.server.clinical.News2Scores;
import java.util.ArrayList;
import io.vigil.server.patient.PatientStore;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.RiskAssessment;
import org.springframework.stereotype.Component;

/**
 * Each patient's NEWS2 as a {@code RiskAssessment}: read {@code RiskAssessment/news2-<patient id>} (the current score,
 * computed on request) or {@code RiskAssessment/news2h-<entry id>} (a score kept in the history), or search by
 * {@code patient} / {@code subject}: the current score first, then the history, newest first. Only for
 * patients whose clinical data the caller may see; any other is "not known".
 * Not for clinical use.
 */
@Component
public class RiskAssessmentResourceProvider implements IResourceProvider {
    private static final Set<String> SEARCH_PARAMETERS = SearchParameters.search("patient", "subject");
    private final PatientStore patients;
    private final News2Scores news2;
    private final News2History history;
    private final FhirVisibility visibility;

    RiskAssessmentResourceProvider(PatientStore patients, News2Scores news2, News2History history,
                                   FhirVisibility visibility) {
        this.patients = patients;
        this.news2 = news2;
        this.history = history;
        this.visibility = visibility;
    }

    @Override
    public Class<RiskAssessment> getResourceType() {
        return RiskAssessment.class;
    }

    @Read
    public RiskAssessment read(@IdParam IdType id) {
        FhirRoles.require("RiskAssessment");
        String idPart = id.getIdPart();
        if (idPart.startsWith(News2RiskAssessment.HISTORY_PREFIX)) {
            return historyEntry(idPart);
        }
        if (!idPart.startsWith(News2RiskAssessment.ID_PREFIX)) {
            throw FhirRefusals.notFound("RiskAssessment", idPart);
        }
        String patient = idPart.substring(News2RiskAssessment.ID_PREFIX.length());
        return patients.find(patient).filter(p -> visibility.seesClinicalData(p.id()))
                .map(p -> News2RiskAssessment.of(news2.current(p.id())))
                .orElseThrow(() -> FhirRefusals.notFound("RiskAssessment", idPart));
    }

    @Search(allowUnknownParams = true)
    public List<RiskAssessment> search(
            @Description(shortDefinition = "The patient (Patient/<id> or <id>)")
            @OptionalParam(name = RiskAssessment.SP_PATIENT) ReferenceParam patient,
            @Description(shortDefinition = "The subject, a Patient")
            @OptionalParam(name = RiskAssessment.SP_SUBJECT) ReferenceParam subject,
            RequestDetails request) {
        FhirRoles.require("RiskAssessment");
        SearchParameters.requireOnly(request, SEARCH_PARAMETERS);
        ReferenceParam who = patient != null ? patient : subject;
        if (who == null || (patient != null && subject != null)) {
            throw FhirRefusals.invalid("Search RiskAssessment by one of patient or subject");
        }
        if (who.getResourceType() != null && !"Patient".equals(who.getResourceType())) {
            return List.of();
        }
        return patients.find(who.getIdPart()).filter(p -> visibility.seesClinicalData(p.id())).map(p -> {
            List<RiskAssessment> found = new ArrayList<>();
            found.add(News2RiskAssessment.of(news2.current(p.id())));
            history.of(p.id(), null, null).forEach(entry -> found.add(News2RiskAssessment.of(entry)));
            return found;
        }).orElse(List.of());
    }

    private RiskAssessment historyEntry(String idPart) {
        long entryId;
        try {
            entryId = Long.parseLong(idPart.substring(News2RiskAssessment.HISTORY_PREFIX.length()));
        } catch (NumberFormatException e) {
            throw FhirRefusals.notFound("RiskAssessment", idPart);
        }
        return history.find(entryId).filter(entry -> visibility.seesClinicalData(entry.patientId()))
                .map(News2RiskAssessment::of).orElseThrow(() -> FhirRefusals.notFound("RiskAssessment", idPart));
    }
}
