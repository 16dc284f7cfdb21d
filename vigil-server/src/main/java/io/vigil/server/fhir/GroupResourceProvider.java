package io.vigil.server.fhir;

import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.TokenAndListParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import io.vigil.fhir.PatientMapper;
import io.vigil.model.PatientRecord;
import io.vigil.server.access.PatientAccess;
import io.vigil.server.access.PatientScope;
import io.vigil.server.patient.PatientStore;
import io.vigil.server.security.Role;
import io.vigil.server.zone.Zone;
import io.vigil.server.zone.ZoneStore;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.hl7.fhir.instance.model.api.IAnyResource;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;

/**
 * Care units as FHIR {@code Group}s — the groups of Bulk Data's {@code Group/{id}/$export}. {@code Group/ward-a} is an
 * actual group of persons: the patients whose care unit is {@code ward-a} and whose registration the caller may see
 * ({@code member}, {@code quantity}); its name is the unit's zone's name where a zone is linked to the unit. A unit
 * exists while a patient or a zone has it. Read and search ({@code _id}) for staff (administrators, clinicians,
 * integration accounts); caregivers 403; a unit none of whose patients the caller may see and that is not one of their
 * units is not known (404).
 */
@Component
public class GroupResourceProvider implements IResourceProvider {
    private static final Set<String> SEARCH_PARAMETERS = SearchParameters.search("_id");

    private final PatientStore patients;
    private final ZoneStore zones;
    private final PatientAccess access;

    GroupResourceProvider(PatientStore patients, ZoneStore zones, PatientAccess access) {
        this.patients = patients;
        this.zones = zones;
        this.access = access;
    }

    @Override
    public Class<Group> getResourceType() {
        return Group.class;
    }

    @Read
    public Group read(@IdParam IdType id) {
        requireStaff();
        String unit = id.getIdPart();
        PatientScope scope = access.registrationScopeOf(PatientAccess.caller());
        List<PatientRecord> members = patients.inScope(scope, unit);
        boolean exists = !members.isEmpty() || zones.zones().stream().anyMatch(z -> unit.equals(z.careUnit()));
        if (!exists || members.isEmpty() && !scope.everyPatient() && !scope.includesUnit(unit)) {
            throw FhirRefusals.notFound("Group", unit);
        }
        return toFhir(unit, members);
    }

    @Search(allowUnknownParams = true)
    public List<Group> search(
            @Description(shortDefinition = "The care unit's id")
            @OptionalParam(name = IAnyResource.SP_RES_ID) TokenAndListParam id,
            RequestDetails request) {
        requireStaff();
        SearchParameters.requireOnly(request, SEARCH_PARAMETERS);
        SearchValues.refuseModifiers("_id", id);
        PatientScope scope = access.registrationScopeOf(PatientAccess.caller());
        List<PatientRecord> visible = patients.inScope(scope, null);
        Set<String> units = new TreeSet<>();
        visible.stream().map(PatientRecord::unit).filter(u -> u != null).forEach(units::add);
        zones.zones().stream().map(Zone::careUnit).filter(u -> u != null && (scope.everyPatient() || scope.includesUnit(u)))
                .forEach(units::add);
        return units.stream().filter(u -> SearchValues.all(id, t -> t.getValue().equals(u)))
                .map(u -> toFhir(u, visible.stream().filter(p -> u.equals(p.unit())).toList())).toList();
    }

    private Group toFhir(String unit, List<PatientRecord> members) {
        Group group = new Group();
        group.setId(unit);
        group.setActive(true);
        group.setType(Group.GroupType.PERSON);
        group.setActual(true);
        group.addIdentifier().setSystem(PatientMapper.CARE_UNIT_SYSTEM).setValue(unit);
        group.setName(zones.zones().stream().filter(z -> unit.equals(z.careUnit())).map(Zone::name).findFirst().orElse(unit));
        group.setQuantity(members.size());
        for (PatientRecord member : members) {
            group.addMember().setEntity(new Reference("Patient/" + member.id()));
        }
        return group;
    }

    private static void requireStaff() {
        if (!Role.ADMIN.heldBy(PatientAccess.caller()) && !Role.CLINICIAN.heldBy(PatientAccess.caller())
                && !Role.INTEGRATION.heldBy(PatientAccess.caller())) {
            String message = "Your role may not use Group resources";
            throw new ForbiddenOperationException(message, FhirRefusals.outcome(403, message, null));
        }
    }
}
