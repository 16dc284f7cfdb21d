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
import ca.uhn.fhir.rest.param.TokenAndListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import io.vigil.fhir.DeviceMapper;
import io.vigil.model.DeviceRecord;
import io.vigil.server.device.DeviceStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IAnyResource;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.IdType;
import org.springframework.stereotype.Component;

/**
 * Registered devices over FHIR: read, and search by {@code _id} or {@code identifier} (the serial number, which
 * carries no system: {@code identifier=SN-1} or {@code identifier=|SN-1}). Devices are registered through REST,
 * where their secret is issued.
 */
@Component
public class DeviceResourceProvider implements IResourceProvider {
    private static final Set<String> SEARCH_PARAMETERS = SearchParameters.search("_id", "identifier");
    private final DeviceStore devices;

    DeviceResourceProvider(DeviceStore devices) {
        this.devices = devices;
    }

    @Override
    public Class<Device> getResourceType() {
        return Device.class;
    }

    @Read
    public Device read(@IdParam IdType id) {
        FhirRoles.require("Device");
        return devices.find(id.getIdPart()).map(DeviceMapper::toFhir)
                .orElseThrow(() -> FhirRefusals.notFound("Device", id.getIdPart()));
    }

    @Search(allowUnknownParams = true)
    public IBundleProvider search(
            @Description(shortDefinition = "The device's logical id")
            @OptionalParam(name = IAnyResource.SP_RES_ID) TokenAndListParam id,
            @Description(shortDefinition = "The serial number")
            @OptionalParam(name = Device.SP_IDENTIFIER) TokenAndListParam identifier,
            @Count Integer count,
            @Offset Integer offset,
            SearchTotalModeEnum totalMode,
            RequestDetails request) {
        FhirRoles.require("Device");
        SearchParameters.requireOnly(request, SEARCH_PARAMETERS);
        SearchValues.refuseModifiers("_id and identifier", id);
        SearchValues.refuseModifiers("_id and identifier", identifier);
        List<DeviceRecord> candidates = new ArrayList<>();
        if (id != null) {
            first(id).forEach(t -> devices.find(t.getValue()).ifPresent(candidates::add));
        } else if (identifier != null) {
            first(identifier).stream().filter(DeviceResourceProvider::noSystem)
                    .forEach(t -> candidates.addAll(devices.withSerial(t.getValue())));
        } else {
            candidates.addAll(devices.list());
        }
        List<Device> matches = candidates.stream().distinct()
                .filter(d -> SearchValues.all(id, t -> t.getValue().equals(d.id())))
                .filter(d -> SearchValues.all(identifier, t -> noSystem(t) && t.getValue().equals(d.serial())))
                .sorted(Comparator.comparing(DeviceRecord::id))
                .map(DeviceMapper::toFhir).toList();
        return SearchPage.of(matches, Paging.of(offset, count), totalMode != SearchTotalModeEnum.NONE);
    }

    /** The serial identifier has no system: a token with none, or the explicit empty one ({@code |value}). */
    private static boolean noSystem(TokenParam token) {
        return token.getSystem() == null || token.getSystem().isEmpty();
    }

    private static List<TokenParam> first(TokenAndListParam and) {
        return and.getValuesAsQueryTokens().getFirst().getValuesAsQueryTokens();
    }
}
