package io.vigil.server.telehealth;

import java.util.Date;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;

/**
 * A telehealth session as a FHIR R4 {@code Encounter}: class {@code VR} (virtual) from v3 ActCode, status
 * {@code in-progress} or {@code finished}, the period, the patient, and the clinician as a participant (by user name).
 * The notes stay in the REST view (R4 Encounter has no note).
 */
public final class TelehealthEncounters {
    public static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";

    private TelehealthEncounters() {
    }

    public static Encounter toFhir(TelehealthSession s) {
        Encounter encounter = new Encounter();
        encounter.setId(s.id());
        encounter.setStatus(s.open() ? Encounter.EncounterStatus.INPROGRESS : Encounter.EncounterStatus.FINISHED);
        encounter.setClass_(new Coding(ACT_CODE, "VR", "virtual"));
        encounter.addType().setText("Telehealth session");
        encounter.setSubject(new Reference("Patient/" + s.patientId()));
        encounter.addParticipant().setIndividual(new Reference().setDisplay(s.clinician()));
        Period period = new Period().setStart(Date.from(s.start()));
        if (s.end() != null) {
            period.setEnd(Date.from(s.end()));
        }
        encounter.setPeriod(period);
        return encounter;
    }
}
