package io.vigil.server.fhir;

import io.vigil.fhir.PatientMapper;
import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.SearchTotalModeEnum;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.ReferenceAndListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenAndListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import io.vigil.server.access.CareTeamStore;
import io.vigil.server.security.UserStore;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IAnyResource;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Practitioner;
import org.springframework.stereotype.Component;

/**
 * Care teams as FHIR {@code CareTeam}s ({@link CareTeams}), read-only: read, and search by {@code _id},
 * {@code participant} (a {@code Practitioner}: {@code Practitioner/{id}} or {@code {id}}) and {@code unit} (Vigil's
 * own parameter: a care unit the team covers, {@value PatientMapper#CARE_UNIT_SYSTEM}|ward-a or ward-a). Teams are managed
 * through {@code /api/v1/care-teams}.
 */
@Component
public class CareTeamResourceProvider implements IResourceProvider {
    static final String SP_UNIT = "unit";
    private static final Set<String> SEARCH_PARAMETERS = SearchParameters.search("_id", "participant",
            "participant:Practitioner", SP_UNIT);

    private final CareTeamStore teams;
    private final Practitioners practitioners;

    CareTeamResourceProvider(CareTeamStore teams, Practitioners practitioners) {
        this.teams = teams;
        this.practitioners = practitioners;
    }

    @Override
    public Class<CareTeam> getResourceType() {
        return CareTeam.class;
    }

    @Read
    public CareTeam read(@IdParam IdType id) {
        FhirRoles.require("CareTeam");
        Map<String, UserStore.Account> clinicians = clinicians();
        return teams.all().stream().filter(t -> LogicalIds.of(t.id()).equals(id.getIdPart())).findFirst()
                .map(t -> CareTeams.toFhir(t, clinicians))
                .orElseThrow(() -> FhirRefusals.notFound("CareTeam", id.getIdPart()));
    }

    @Search(allowUnknownParams = true)
    public IBundleProvider search(
            @Description(shortDefinition = "The care team's logical id")
            @OptionalParam(name = IAnyResource.SP_RES_ID) TokenAndListParam id,
            @Description(shortDefinition = "A member: Practitioner/{id} or {id}")
            @OptionalParam(name = CareTeam.SP_PARTICIPANT, targetTypes = Practitioner.class,
                    chainWhitelist = OptionalParam.ALLOW_CHAIN_NOTCHAINED) ReferenceAndListParam participant,
            @Description(shortDefinition = "A care unit the team covers: " + PatientMapper.CARE_UNIT_SYSTEM + "|{unit} or {unit}")
            @OptionalParam(name = SP_UNIT) TokenAndListParam unit,
            @Count Integer count,
            @Offset Integer offset,
            SearchTotalModeEnum totalMode,
            RequestDetails request) {
        FhirRoles.require("CareTeam");
        SearchParameters.requireOnly(request, SEARCH_PARAMETERS);
        SearchValues.refuseModifiers("_id and unit", id);
        SearchValues.refuseModifiers("_id and unit", unit);
        SearchValues.refuseModifiers("participant", participant);
        Map<String, UserStore.Account> clinicians = clinicians();
        List<CareTeam> matches = teams.all().stream()
                .filter(t -> SearchValues.all(id, v -> v.getValue().equals(LogicalIds.of(t.id()))))
                .filter(t -> SearchValues.all(unit, v -> isUnit(v) && t.units().contains(v.getValue())))
                .filter(t -> SearchValues.all(participant, r -> isPractitioner(r)
                        && t.members().stream().filter(clinicians::containsKey).map(LogicalIds::of).anyMatch(r.getIdPart()::equals)))
                .map(t -> CareTeams.toFhir(t, clinicians)).toList();
        return SearchPage.of(matches, Paging.of(offset, count), totalMode != SearchTotalModeEnum.NONE);
    }

    private Map<String, UserStore.Account> clinicians() {
        return practitioners.all().stream().collect(Collectors.toMap(UserStore.Account::username, Function.identity()));
    }

    private static boolean isUnit(TokenParam token) {
        return token.getSystem() == null || PatientMapper.CARE_UNIT_SYSTEM.equals(token.getSystem());
    }

    private static boolean isPractitioner(ReferenceParam reference) {
        return !reference.hasResourceType() || "Practitioner".equals(reference.getResourceType());
    }
}
