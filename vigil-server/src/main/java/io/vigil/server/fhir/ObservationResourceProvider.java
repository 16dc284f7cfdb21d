package io.vigil.server.fhir;

import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.model.valueset.BundleTypeEnum;
import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Sort;
import ca.uhn.fhir.rest.api.SearchTotalModeEnum;
import ca.uhn.fhir.rest.api.SortOrderEnum;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.DateAndListParam;
import ca.uhn.fhir.rest.param.ReferenceAndListParam;
import ca.uhn.fhir.rest.param.TokenAndListParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import io.vigil.fhir.ObservationMapper;
import io.vigil.model.MeasurementRegistry;
import io.vigil.model.MeasurementType;
import io.vigil.model.ObservationRecord;
import io.vigil.server.access.PatientScope;
import io.vigil.server.observation.ObservationQuery;
import io.vigil.server.observation.ObservationStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.stereotype.Component;

/**
 * Stored readings as FHIR Observations: read, search, and {@code $lastn} (the newest readings of each code for a
 * patient). Results are produced from the narrow rows on every request; nothing FHIR-shaped is stored. Only the
 * readings the caller may see ({@link FhirVisibility}) are read, found, counted and paged.
 */
@Component
public class ObservationResourceProvider implements IResourceProvider {
    /** The canonical definition of {@code $lastn} in FHIR R4. */
    static final String LASTN = "http://hl7.org/fhir/OperationDefinition/Observation-lastn";
    static final int MAX_LASTN = 1000;
    private static final Set<String> SEARCH_PARAMETERS = SearchParameters.search("patient", "patient:Patient", "subject",
            "subject:Patient", "code", "category", "date", "device", "device:Device", "_sort");
    private static final Set<String> LASTN_PARAMETERS = SearchParameters.operation("patient", "patient:Patient", "subject",
            "subject:Patient", "code", "category", "date", "device", "device:Device", "max");

    private final ObservationStore observations;
    private final ObservationMapper mapper;
    private final ObservationCodes codes;
    private final FhirVisibility visibility;

    ObservationResourceProvider(ObservationStore observations, MeasurementRegistry registry, FhirVisibility visibility) {
        this.observations = observations;
        this.visibility = visibility;
        this.mapper = new ObservationMapper(registry);
        this.codes = new ObservationCodes(registry);
    }

    @Override
    public Class<Observation> getResourceType() {
        return Observation.class;
    }

    @Read
    public Observation read(@IdParam IdType id) {
        FhirRoles.require("Observation");
        return observations.find(id.getIdPart()).filter(visibility::sees).map(mapper::toFhir)
                .orElseThrow(() -> FhirRefusals.notFound("Observation", id.getIdPart()));
    }

    @Search(allowUnknownParams = true)
    public IBundleProvider search(
            @Description(shortDefinition = "The patient the reading belongs to: Patient/{id} or {id}")
            @OptionalParam(name = Observation.SP_PATIENT, targetTypes = Patient.class,
                    chainWhitelist = OptionalParam.ALLOW_CHAIN_NOTCHAINED) ReferenceAndListParam patient,
            @Description(shortDefinition = "The subject of the reading (always a Patient in Vigil)")
            @OptionalParam(name = Observation.SP_SUBJECT, targetTypes = Patient.class,
                    chainWhitelist = OptionalParam.ALLOW_CHAIN_NOTCHAINED) ReferenceAndListParam subject,
            @Description(shortDefinition = "LOINC or IEEE 11073 MDC code, bare or system|code; comma = any of; "
                    + "a blood-pressure component code finds the panel")
            @OptionalParam(name = Observation.SP_CODE) TokenAndListParam code,
            @Description(shortDefinition = "vital-signs or laboratory (glucose readings)")
            @OptionalParam(name = Observation.SP_CATEGORY) TokenAndListParam category,
            @Description(shortDefinition = "Effective time, with prefixes eq, ge, gt, le, lt, sa, eb; repeat to AND")
            @OptionalParam(name = Observation.SP_DATE) DateAndListParam date,
            @Description(shortDefinition = "The device that measured: Device/{id} or {id}")
            @OptionalParam(name = Observation.SP_DEVICE, targetTypes = Device.class,
                    chainWhitelist = OptionalParam.ALLOW_CHAIN_NOTCHAINED) ReferenceAndListParam device,
            @Sort SortSpec sort,
            @Count Integer count,
            @Offset Integer offset,
            SearchTotalModeEnum totalMode,
            RequestDetails request) {
        FhirRoles.require("Observation");
        SearchParameters.requireOnly(request, SEARCH_PARAMETERS);
        ObservationCriteria criteria = ObservationCriteria.of(
                new ObservationCriteria.Parameters(patient, subject, code, category, date, device), codes);
        Paging paging = Paging.of(offset, count);
        boolean withTotal = totalMode != SearchTotalModeEnum.NONE;
        if (criteria.impossible()) {
            return new SearchPage(List.of(), paging, withTotal ? 0 : null, false);
        }
        // One row more than the page: whether a next page exists, without trusting a count taken a moment apart.
        // The caller's scope is part of the SQL, so the page, the next link and the total see the same rows.
        PatientScope.Condition visible = visibility.observations();
        ObservationQuery query = criteria.query(newestFirst(sort), paging.offset(), paging.count() + 1);
        List<ObservationRecord> rows = paging.count() == 0 ? List.of() : observations.search(query, visible);
        boolean more = rows.size() > paging.count();
        List<Observation> page = rows.subList(0, Math.min(rows.size(), paging.count())).stream().map(mapper::toFhir).toList();
        Integer total = withTotal ? observations.count(query, visible) : null;
        return new SearchPage(page, paging, total, more);
    }

    /** {@code _sort}: {@code date} (oldest first) or {@code -date} (newest first, the default). */
    private static boolean newestFirst(SortSpec sort) {
        if (sort == null) {
            return true;
        }
        if (!Observation.SP_DATE.equals(sort.getParamName()) || sort.getChain() != null) {
            throw FhirRefusals.invalid("_sort supports date and -date only");
        }
        return sort.getOrder() == SortOrderEnum.DESC;
    }

    /**
     * The newest {@code max} (default 1) readings of each code for one patient, grouped by code in registry order,
     * newest first within a code. Takes the Observation search parameters as inputs (patient or subject required).
     */
    @Operation(name = "$lastn", idempotent = true, type = Observation.class, bundleType = BundleTypeEnum.SEARCHSET,
            canonicalUrl = LASTN)
    public IBundleProvider lastn(
            // A positiveInt, read as text: HAPI's own integer parsing answers a malformed value with a 500.
            @Description(shortDefinition = "How many of the newest readings of each code: a positive integer (default 1, at most 1000)")
            @OperationParam(name = "max", min = 0, max = 1) StringType max,
            @OperationParam(name = Observation.SP_PATIENT) ReferenceAndListParam patient,
            @OperationParam(name = Observation.SP_SUBJECT) ReferenceAndListParam subject,
            @OperationParam(name = Observation.SP_CODE) TokenAndListParam code,
            @OperationParam(name = Observation.SP_CATEGORY) TokenAndListParam category,
            @OperationParam(name = Observation.SP_DATE) DateAndListParam date,
            @OperationParam(name = Observation.SP_DEVICE) ReferenceAndListParam device,
            RequestDetails request) {
        FhirRoles.require("Observation");
        SearchParameters.requireOnly(request, LASTN_PARAMETERS);
        if (patient == null && subject == null) {
            throw FhirRefusals.invalid("$lastn needs the patient (patient or subject parameter)");
        }
        int perCode = perCode(max);
        ObservationCriteria criteria = ObservationCriteria.of(
                new ObservationCriteria.Parameters(patient, subject, code, category, date, device), codes);
        if (criteria.impossible() || !visibility.seesClinicalData(criteria.patientId())) {
            return SearchPage.whole(List.of()); // a patient the caller may not see has no readings, like an unknown one
        }
        return SearchPage.whole(newest(criteria, perCode).stream().map(mapper::toFhir).toList());
    }

    private static int perCode(StringType max) {
        if (max == null || max.getValue() == null) {
            return 1;
        }
        String refusal = "max must be a whole number from 1 to " + MAX_LASTN;
        int perCode;
        try {
            perCode = Integer.parseInt(max.getValue().trim());
        } catch (NumberFormatException e) {
            throw FhirRefusals.invalid(refusal);
        }
        if (perCode < 1 || perCode > MAX_LASTN) {
            throw FhirRefusals.invalid(refusal);
        }
        return perCode;
    }

    private List<ObservationRecord> newest(ObservationCriteria criteria, int perCode) {
        List<String> types = codes.observationTypes().stream().map(MeasurementType::alias)
                .filter(alias -> criteria.types() == null || criteria.types().contains(alias)).toList();
        boolean plain = criteria.deviceId() == null && criteria.window().equals(EffectiveWindow.ALWAYS);
        if (perCode == 1 && plain) {
            return observations.latest(criteria.patientId(), types);
        }
        List<ObservationRecord> newest = new ArrayList<>();
        for (String type : types) {
            newest.addAll(observations.search(criteria.queryFor(type, perCode)));
        }
        return newest;
    }
}
