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
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.StringAndListParam;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenAndListParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import io.vigil.server.zone.Zone;
import io.vigil.server.zone.ZoneStore;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IAnyResource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;

/**
 * Zones as FHIR {@code Location}s, read-only (registered through {@code POST /api/v1/zones}): read, and search by
 * {@code _id}, {@code name} (start of a word, any case) and {@code partof} (the parent). The hierarchy site → building →
 * unit → room → bed is {@code Location.partOf}; the kind is {@code physicalType} from HL7's location-physical-type
 * code system (si, bu, wa, ro, bd, area).
 */
@Component
public class LocationResourceProvider implements IResourceProvider {
    static final String PHYSICAL_TYPE = "http://terminology.hl7.org/CodeSystem/location-physical-type";
    private static final Set<String> SEARCH_PARAMETERS = SearchParameters.search("_id", "name", "partof");
    private static final Map<String, String[]> TYPES = Map.of("site", new String[] {"si", "Site"},
            "building", new String[] {"bu", "Building"}, "unit", new String[] {"wa", "Ward"},
            "room", new String[] {"ro", "Room"}, "bed", new String[] {"bd", "Bed"}, "area", new String[] {"area", "Area"});

    private final ZoneStore zones;

    LocationResourceProvider(ZoneStore zones) {
        this.zones = zones;
    }

    @Override
    public Class<Location> getResourceType() {
        return Location.class;
    }

    @Read
    public Location read(@IdParam IdType id) {
        FhirRoles.require("Location");
        return zones.zone(id.getIdPart()).map(LocationResourceProvider::toFhir)
                .orElseThrow(() -> FhirRefusals.notFound("Location", id.getIdPart()));
    }

    @Search(allowUnknownParams = true)
    public IBundleProvider search(
            @Description(shortDefinition = "The location's logical id")
            @OptionalParam(name = IAnyResource.SP_RES_ID) TokenAndListParam id,
            @Description(shortDefinition = "Start of the name or of one of its words, any case")
            @OptionalParam(name = Location.SP_NAME) StringAndListParam name,
            @Description(shortDefinition = "The location this one is part of")
            @OptionalParam(name = Location.SP_PARTOF) ReferenceParam partOf,
            @Count Integer count,
            @Offset Integer offset,
            SearchTotalModeEnum totalMode,
            RequestDetails request) {
        FhirRoles.require("Location");
        SearchParameters.requireOnly(request, SEARCH_PARAMETERS);
        SearchValues.refuseModifiers("_id", id);
        SearchValues.refuseModifiers("name", name);
        List<Location> matches = zones.zones().stream()
                .filter(z -> SearchValues.all(id, t -> t.getValue().equals(z.id())))
                .filter(z -> SearchValues.all(name, (StringParam s) -> SearchValues.startsWithWord(z.name(), s.getValue())))
                .filter(z -> partOf == null || partOf.getIdPart().equals(z.parent()))
                .map(LocationResourceProvider::toFhir).toList();
        return SearchPage.of(matches, Paging.of(offset, count), totalMode != SearchTotalModeEnum.NONE);
    }

    static Location toFhir(Zone zone) {
        Location location = new Location();
        location.setId(zone.id());
        location.setName(zone.name());
        location.setStatus(Location.LocationStatus.ACTIVE);
        location.setMode(Location.LocationMode.INSTANCE);
        String[] type = TYPES.getOrDefault(zone.kind(), TYPES.get("area"));
        location.setPhysicalType(new CodeableConcept().addCoding(new org.hl7.fhir.r4.model.Coding(PHYSICAL_TYPE, type[0],
                type[1])));
        if (zone.parent() != null) {
            location.setPartOf(new Reference("Location/" + zone.parent()));
        }
        if (zone.exit()) {
            location.setDescription("Exit: a patient wristband read here raises an alert");
        }
        return location;
    }
}
