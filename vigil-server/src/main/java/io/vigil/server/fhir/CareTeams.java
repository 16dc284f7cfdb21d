package io.vigil.server.fhir;

import io.vigil.fhir.PatientMapper;
import io.vigil.server.access.CareTeam;
import io.vigil.server.security.UserStore;
import java.util.Map;
import org.hl7.fhir.r4.model.CareTeam.CareTeamStatus;
import org.hl7.fhir.r4.model.Identifier;

/**
 * A Vigil care team as an R4 {@code CareTeam}: the team id as an identifier (system {@value #TEAM_SYSTEM}), its
 * name, status active, each member who is a clinician as a participant referencing their {@code Practitioner}
 * (other members — service accounts, administrators — are not care providers and are left out), and each care unit
 * it covers as a {@code managingOrganization}: a logical reference by identifier (system {@value PatientMapper#CARE_UNIT_SYSTEM}),
 * since Vigil keeps units as names, not as Organization resources.
 */
final class CareTeams {
    static final String TEAM_SYSTEM = "https://vigil.io/fhir/sid/care-team";

    private CareTeams() {
    }

    /** @param clinicians the users holding the clinician role, by user name */
    static org.hl7.fhir.r4.model.CareTeam toFhir(CareTeam team, Map<String, UserStore.Account> clinicians) {
        org.hl7.fhir.r4.model.CareTeam fhir = new org.hl7.fhir.r4.model.CareTeam();
        fhir.setId(LogicalIds.of(team.id()));
        fhir.addIdentifier(new Identifier().setSystem(TEAM_SYSTEM).setValue(team.id()));
        fhir.setStatus(CareTeamStatus.ACTIVE);
        fhir.setName(team.name());
        team.members().stream().sorted().filter(clinicians::containsKey)
                .forEach(member -> fhir.addParticipant().setMember(Practitioners.reference(clinicians.get(member))));
        team.units().stream().sorted().forEach(unit -> fhir.addManagingOrganization(PatientMapper.careUnit(unit)));
        return fhir;
    }
}
