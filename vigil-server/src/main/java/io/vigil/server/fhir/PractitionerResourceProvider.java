package io.vigil.server.fhir;

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
import ca.uhn.fhir.rest.param.StringAndListParam;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenAndListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import io.vigil.server.security.UserStore;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IAnyResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Practitioner;
import org.springframework.stereotype.Component;

/**
 * Clinicians as FHIR {@code Practitioner}s ({@link Practitioners}), read-only: read, and search by {@code _id},
 * {@code identifier} (the user name: {@value Practitioners#USERNAME_SYSTEM}|name or name) and {@code name} (start of
 * the display name or of one of its words, any case). Accounts are managed through {@code /api/v1/users}.
 */
@Component
public class PractitionerResourceProvider implements IResourceProvider {
    private static final Set<String> SEARCH_PARAMETERS = SearchParameters.search("_id", "identifier", "name");

    private final Practitioners practitioners;

    PractitionerResourceProvider(Practitioners practitioners) {
        this.practitioners = practitioners;
    }

    @Override
    public Class<Practitioner> getResourceType() {
        return Practitioner.class;
    }

    @Read
    public Practitioner read(@IdParam IdType id) {
        FhirRoles.require("Practitioner");
        return practitioners.find(id.getIdPart()).map(Practitioners::toFhir)
                .orElseThrow(() -> FhirRefusals.notFound("Practitioner", id.getIdPart()));
    }

    @Search(allowUnknownParams = true)
    public IBundleProvider search(
            @Description(shortDefinition = "The practitioner's logical id")
            @OptionalParam(name = IAnyResource.SP_RES_ID) TokenAndListParam id,
            @Description(shortDefinition = "The user name: " + Practitioners.USERNAME_SYSTEM + "|{name} or {name}")
            @OptionalParam(name = Practitioner.SP_IDENTIFIER) TokenAndListParam identifier,
            @Description(shortDefinition = "Start of the display name or of one of its words, any case")
            @OptionalParam(name = Practitioner.SP_NAME) StringAndListParam name,
            @Count Integer count,
            @Offset Integer offset,
            SearchTotalModeEnum totalMode,
            RequestDetails request) {
        FhirRoles.require("Practitioner");
        SearchParameters.requireOnly(request, SEARCH_PARAMETERS);
        SearchValues.refuseModifiers("_id and identifier", id);
        SearchValues.refuseModifiers("_id and identifier", identifier);
        SearchValues.refuseModifiers("name", name);
        List<Practitioner> matches = practitioners.all().stream()
                .filter(a -> SearchValues.all(id, t -> t.getValue().equals(LogicalIds.of(a.username()))))
                .filter(a -> SearchValues.all(identifier, t -> isUsername(t, a)))
                .filter(a -> SearchValues.all(name, (StringParam s) -> SearchValues.startsWithWord(a.displayName(), s.getValue())))
                .map(Practitioners::toFhir).toList();
        return SearchPage.of(matches, Paging.of(offset, count), totalMode != SearchTotalModeEnum.NONE);
    }

    private static boolean isUsername(TokenParam token, UserStore.Account account) {
        boolean ours = token.getSystem() == null || Practitioners.USERNAME_SYSTEM.equals(token.getSystem());
        return ours && token.getValue().equals(account.username());
    }
}
