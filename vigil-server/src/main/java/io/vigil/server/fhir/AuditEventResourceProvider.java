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
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import io.vigil.server.audit.AuditQuery;
import io.vigil.server.audit.AuditRecord;
import io.vigil.server.audit.AuditTrail;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.IdType;
import org.springframework.stereotype.Component;

/**
 * The audit trail as FHIR R4 AuditEvents (IHE BALP shapes, see {@link AuditEventMapper}): read by id (the event's
 * place in the chain) and search by {@code patient}, {@code agent} (the user name, or {@code Device/{id}}),
 * {@code date} (ranges with ge/gt/le/lt), {@code type}, {@code subtype}, newest first, paged by
 * {@code _count}/{@code _offset}. Only events the caller may see ({@link AuditEventVisibility}) are found; an
 * event the caller may not see answers 404, like one that does not exist.
 */
@Component
public class AuditEventResourceProvider implements ca.uhn.fhir.rest.server.IResourceProvider {
    private static final Set<String> SEARCH_PARAMETERS = SearchParameters.search(
            AuditEvent.SP_PATIENT, AuditEvent.SP_AGENT, AuditEvent.SP_DATE, AuditEvent.SP_TYPE, AuditEvent.SP_SUBTYPE);

    private final AuditTrail trail;
    private final AuditEventVisibility visibility;

    AuditEventResourceProvider(AuditTrail trail, AuditEventVisibility visibility) {
        this.trail = trail;
        this.visibility = visibility;
    }

    @Override
    public Class<AuditEvent> getResourceType() {
        return AuditEvent.class;
    }

    @Read
    public AuditEvent read(@IdParam IdType id) {
        Set<String> visible = visibility.visiblePatients();
        return parseId(id.getIdPart()).flatMap(trail::find)
                .filter(r -> visible == null || (r.event().patientId() != null && visible.contains(r.event().patientId())))
                .map(AuditEventMapper::toFhir)
                .orElseThrow(() -> FhirRefusals.notFound("AuditEvent", id.getIdPart()));
    }

    @Search(allowUnknownParams = true)
    public IBundleProvider search(
            @Description(shortDefinition = "The patient whose record was touched: Patient/{id} or {id}")
            @OptionalParam(name = AuditEvent.SP_PATIENT) ReferenceParam patient,
            @Description(shortDefinition = "Who acted: a user name (clinician), or Device/{id} for a device")
            @OptionalParam(name = AuditEvent.SP_AGENT) ReferenceParam agent,
            @Description(shortDefinition = "When it was recorded: prefixes ge, gt, le, lt, eq; give two for a range")
            @OptionalParam(name = AuditEvent.SP_DATE) DateRangeParam date,
            @Description(shortDefinition = "rest, DCM 110114 (User Authentication), DCM 110110 (Patient Record); comma = any of")
            @OptionalParam(name = AuditEvent.SP_TYPE) TokenOrListParam type,
            @Description(shortDefinition = "A FHIR interaction (read, search-type, create, update, delete), DCM 110122/110123 "
                    + "(Login/Logout) or a Vigil action (https://vigil.io/audit-action|patient.read); comma = any of")
            @OptionalParam(name = AuditEvent.SP_SUBTYPE) TokenOrListParam subtype,
            @Count Integer count,
            @Offset Integer offset,
            SearchTotalModeEnum totalMode,
            RequestDetails request) {
        SearchParameters.requireOnly(request, SEARCH_PARAMETERS);
        List<List<String>> actions = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        if (type != null) {
            typeFilter(type, actions, excluded);
        }
        if (subtype != null) {
            actions.add(tokens(subtype).stream().flatMap(t -> BalpCodes.subtypePatterns(t).stream()).toList());
        }
        Instant from = date == null || date.getLowerBoundAsInstant() == null ? null : date.getLowerBoundAsInstant().toInstant();
        Date upper = date == null ? null : date.getUpperBoundAsInstant();
        Instant to = upper == null ? null : upper.toInstant().plusMillis(1); // inclusive bound → exclusive
        AuditQuery query = new AuditQuery(patient == null ? null : reference(patient, "Patient/"),
                agent == null ? null : actor(agent), from, to, actions, excluded, visibility.visiblePatients());
        Paging paging = Paging.of(offset, count);
        // One row more than the page: whether a next page exists.
        List<AuditRecord> rows = paging.count() == 0 ? List.of() : trail.page(query, paging.offset(), paging.count() + 1);
        boolean more = rows.size() > paging.count();
        List<AuditEvent> page = rows.subList(0, Math.min(rows.size(), paging.count())).stream()
                .map(AuditEventMapper::toFhir).toList();
        Integer total = totalMode == SearchTotalModeEnum.NONE ? null : Math.toIntExact(trail.count(query));
        return new SearchPage(page, paging, total, more);
    }

    /** {@code rest} is every action that is not a login, logout or page view; it cannot be ORed with the others. */
    private static void typeFilter(TokenOrListParam type, List<List<String>> actions, List<String> excluded) {
        List<TokenParam> tokens = tokens(type);
        boolean rest = tokens.stream().anyMatch(BalpCodes::isRest);
        List<String> others = tokens.stream().flatMap(t -> BalpCodes.typePatterns(t).stream()).toList();
        if (rest && !others.isEmpty()) {
            throw FhirRefusals.invalid("type=rest cannot be combined with other types in one parameter");
        }
        if (rest) {
            excluded.addAll(BalpCodes.notRest());
        } else {
            actions.add(others);
        }
    }

    private static List<TokenParam> tokens(TokenOrListParam or) {
        List<TokenParam> tokens = or.getValuesAsQueryTokens();
        if (tokens.stream().anyMatch(t -> t.getModifier() != null || t.getValue() == null || t.getValue().isBlank())) {
            throw FhirRefusals.invalid("type and subtype take system|code or code, without modifiers");
        }
        return tokens;
    }

    private static String reference(ReferenceParam reference, String prefix) {
        if (reference.getChain() != null || (reference.getResourceType() != null && !prefix.startsWith(reference.getResourceType()))) {
            throw FhirRefusals.invalid("patient takes Patient/{id} or {id}");
        }
        String value = reference.getValue();
        return value.startsWith(prefix) ? value.substring(prefix.length()) : value;
    }

    /** A user name as it is, {@code Device/{id}} as the device actor {@code device:{id}}. */
    private static String actor(ReferenceParam agent) {
        if (agent.getChain() != null) {
            throw FhirRefusals.invalid("agent takes a user name or Device/{id}");
        }
        String value = agent.getValue();
        return value.startsWith("Device/") ? "device:" + value.substring("Device/".length()) : value;
    }

    private static java.util.Optional<Long> parseId(String id) {
        try {
            return java.util.Optional.of(Long.parseLong(id));
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }
}
