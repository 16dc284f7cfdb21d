package io.vigil.server.medication;

import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Enumeration;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Timing;
import org.hl7.fhir.r4.model.TimeType;

/**
 * Schedules as FHIR R4 {@code MedicationRequest}s and dose events as {@code MedicationAdministration}s. The medication
 * is {@code medicationCodeableConcept} (RxNorm coding and/or text); the schedule is the first
 * {@code dosageInstruction}: {@code timing.repeat} frequency/period/periodUnit, timeOfDay or when, boundsPeriod;
 * {@code asNeededBoolean} for PRN; {@code text} for the dose.
 */
public final class MedicationRequests {
    private MedicationRequests() {
    }

    public static MedicationRequest toFhir(MedicationSchedule s) {
        MedicationRequest request = new MedicationRequest();
        request.setId(s.id());
        request.setStatus(MedicationSchedule.ACTIVE.equals(s.status()) ? MedicationRequest.MedicationRequestStatus.ACTIVE
                : MedicationRequest.MedicationRequestStatus.STOPPED);
        request.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
        request.setMedication(medication(s.medication()));
        request.setSubject(new Reference("Patient/" + s.patientId()));
        request.setAuthoredOn(Date.from(s.createdAt()));
        request.setRequester(new Reference().setDisplay(s.createdBy()));
        DosageTiming t = s.timing();
        Dosage dosage = request.addDosageInstruction();
        if (s.doseText() != null) {
            dosage.setText(s.doseText());
        }
        Timing.TimingRepeatComponent repeat = dosage.getTiming().getRepeat();
        Period bounds = new Period().setStart(Date.from(t.start()));
        if (t.end() != null) {
            bounds.setEnd(Date.from(t.end()));
        }
        repeat.setBounds(bounds);
        if (t.asNeeded()) {
            dosage.setAsNeeded(new BooleanType(true));
        } else {
            repeat.setFrequency(t.frequency()).setPeriod(t.period()).setPeriodUnit(Timing.UnitsOfTime.fromCode(t.periodUnit()));
            t.timesOfDay().forEach(time -> repeat.addTimeOfDay(time.toString() + ":00"));
            dosage.setAsNeeded(new BooleanType(false));
        }
        return request;
    }

    /** A schedule draft from a MedicationRequest; a part Vigil cannot take is refused naming its FHIRPath. */
    public static ScheduleDraft fromFhir(MedicationRequest request, String patientId) {
        CodeableConcept medication = request.hasMedicationCodeableConcept() ? request.getMedicationCodeableConcept() : null;
        if (medication == null) {
            throw new Refused("MedicationRequest.medication", "medicationCodeableConcept is required (RxNorm coding and/or text)");
        }
        String rxnorm = medication.getCoding().stream().filter(c -> MedicationSchedule.Medication.RXNORM.equals(c.getSystem()))
                .map(Coding::getCode).findFirst().orElse(null);
        String text = medication.hasText() ? medication.getText() : medication.getCoding().stream()
                .filter(Coding::hasDisplay).map(Coding::getDisplay).findFirst().orElse(null);
        if (request.getDosageInstruction().size() != 1) {
            throw new Refused("MedicationRequest.dosageInstruction", "exactly one dosageInstruction is required");
        }
        Dosage dosage = request.getDosageInstructionFirstRep();
        Timing.TimingRepeatComponent repeat = dosage.getTiming().getRepeat();
        Boolean asNeeded = dosage.hasAsNeededBooleanType() ? dosage.getAsNeededBooleanType().booleanValue() : null;
        if (dosage.hasAsNeededCodeableConcept()) {
            asNeeded = true;
        }
        List<String> times = new ArrayList<>();
        for (TimeType time : repeat.getTimeOfDay()) {
            times.add(time.getValue().length() > 5 ? LocalTime.parse(time.getValue()).toString() : time.getValue());
        }
        List<String> when = new ArrayList<>();
        for (Enumeration<Timing.EventTiming> w : repeat.getWhen()) {
            when.add(w.getCode());
        }
        Instant start = null;
        Instant end = null;
        if (repeat.hasBoundsPeriod()) {
            start = repeat.getBoundsPeriod().hasStart() ? repeat.getBoundsPeriod().getStart().toInstant() : null;
            end = repeat.getBoundsPeriod().hasEnd() ? repeat.getBoundsPeriod().getEnd().toInstant() : null;
        }
        if (repeat.hasPeriod() && repeat.getPeriod().stripTrailingZeros().scale() > 0) {
            throw new Refused("MedicationRequest.dosageInstruction[0].timing.repeat.period", "period is a whole number");
        }
        return new ScheduleDraft(patientId, null, rxnorm, text, repeat.hasFrequency() ? repeat.getFrequency() : null,
                repeat.hasPeriod() ? repeat.getPeriod().intValue() : null,
                repeat.hasPeriodUnit() ? repeat.getPeriodUnit().toCode() : null, times, when, asNeeded,
                dosage.hasText() ? dosage.getText() : null, null, start, end);
    }

    /** The FHIRPath of a REST field, for a refusal of a FHIR-created schedule. */
    public static String expressionOf(String field) {
        if (field == null) {
            return null;
        }
        String timing = "MedicationRequest.dosageInstruction[0].timing.repeat.";
        return switch (field) {
            case "medication", "rxnorm" -> "MedicationRequest.medication";
            case "frequency", "period", "periodUnit", "when" -> timing + field;
            case "timesOfDay" -> timing + "timeOfDay";
            case "start", "end" -> timing + "boundsPeriod." + field;
            case "dose" -> "MedicationRequest.dosageInstruction[0].text";
            default -> "MedicationRequest";
        };
    }

    /** A dose event (taken, removed, missed) as a MedicationAdministration; other events are not administrations. */
    public static MedicationAdministration administration(DispenserEvent e, MedicationSchedule schedule) {
        MedicationAdministration a = new MedicationAdministration();
        a.setId(e.id());
        a.setStatus(e.type().taken() ? MedicationAdministration.MedicationAdministrationStatus.COMPLETED
                : MedicationAdministration.MedicationAdministrationStatus.NOTDONE);
        if (!e.type().taken()) {
            a.addStatusReason().setText("The dispenser reported the dose missed");
        }
        a.setMedication(schedule == null ? new CodeableConcept().setText("unknown") : medication(schedule.medication()));
        a.setSubject(new Reference("Patient/" + e.patientId()));
        a.setEffective(new org.hl7.fhir.r4.model.DateTimeType(Date.from(e.time())));
        if (schedule != null) {
            a.setRequest(new Reference("MedicationRequest/" + schedule.id()));
            if (schedule.doseText() != null) {
                // dosage would need a coded dose (mad-1); the prescribed dose text goes in a note instead.
                a.addNote().setText("Prescribed dose: " + schedule.doseText());
            }
        }
        a.addDevice(new Reference("Device/" + e.deviceId()));
        return a;
    }

    private static CodeableConcept medication(MedicationSchedule.Medication m) {
        CodeableConcept concept = new CodeableConcept().setText(m.text());
        if (m.code() != null) {
            concept.addCoding().setSystem(m.system()).setCode(m.code()).setDisplay(m.text());
        }
        return concept;
    }

    /** A MedicationRequest part Vigil cannot take. */
    public static final class Refused extends RuntimeException {
        private final String expression;

        Refused(String expression, String message) {
            super(message);
            this.expression = expression;
        }

        public String expression() {
            return expression;
        }
    }
}
