package io.vigil.server.fhir;

import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import io.vigil.server.access.PatientAccess;
import io.vigil.server.alert.AlertSearch;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.IdType;
import org.springframework.stereotype.Component;

/**
 * Alerts as FHIR {@code Flag}s ({@link AlertFlag}): read {@code Flag/<alert id>}, or search by {@code patient} /
 * {@code subject} and {@code status} (active | inactive). Only alerts of patients the caller may see; any other is
 * "not known". Not for clinical use.
 */
@Component
public class FlagResourceProvider implements IResourceProvider {
    private static final Set<String> SEARCH_PARAMETERS = SearchParameters.search("patient", "subject", "status");
    private final AlertSearch alerts;
    private final PatientAccess access;
    private final FhirVisibility visibility;

    FlagResourceProvider(AlertSearch alerts, PatientAccess access, FhirVisibility visibility) {
        this.alerts = alerts;
        this.access = access;
        this.visibility = visibility;
    }

    @Override
    public Class<Flag> getResourceType() {
        return Flag.class;
    }

    @Read
    public Flag read(@IdParam IdType id) {
        FhirRoles.require("Flag");
        return alerts.find(id.getIdPart()).filter(a -> visibility.seesClinicalData(a.patient())).map(AlertFlag::of)
                .orElseThrow(() -> FhirRefusals.notFound("Flag", id.getIdPart()));
    }

    @Search(allowUnknownParams = true)
    public List<Flag> search(
            @Description(shortDefinition = "The patient (Patient/<id> or <id>)")
            @OptionalParam(name = Flag.SP_PATIENT) ReferenceParam patient,
            @Description(shortDefinition = "The subject, a Patient")
            @OptionalParam(name = Flag.SP_SUBJECT) ReferenceParam subject,
            @Description(shortDefinition = "active (open alerts) or inactive (resolved)")
            @OptionalParam(name = "status") TokenParam status,
            RequestDetails request) {
        FhirRoles.require("Flag");
        SearchParameters.requireOnly(request, SEARCH_PARAMETERS);
        ReferenceParam who = patient != null ? patient : subject;
        if (patient != null && subject != null) {
            throw FhirRefusals.invalid("Search Flag by one of patient or subject");
        }
        if (who != null && who.getResourceType() != null && !"Patient".equals(who.getResourceType())) {
            return List.of();
        }
        Boolean open = null;
        if (status != null) {
            open = switch (status.getValue()) {
                case "active" -> true;
                case "inactive" -> false;
                default -> throw FhirRefusals.invalid("Flag status is active or inactive");
            };
        }
        return alerts.search(access.scopeOfCaller(), who == null ? null : who.getIdPart(), open).stream()
                .map(AlertFlag::of).toList();
    }
}
