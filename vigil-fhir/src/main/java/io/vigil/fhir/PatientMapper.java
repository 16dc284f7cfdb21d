package io.vigil.fhir;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import io.vigil.model.PatientRecord;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/**
 * Patients as FHIR R4 Patient resources, both ways.
 *
 * <p>The medical record number is an identifier of type MR (HL7 v2 table 0203) with system {@link #MRN_SYSTEM}.
 * Unit and bed are not demographics: in FHIR they belong to Encounter.location, which Vigil does not serve yet, so
 * they are left out of the Patient and a Patient received over FHIR has none (set them through the REST API).
 */
public final class PatientMapper {

    /** Identifier system of Vigil's MRNs. A URN: an MRN is local to the deployment, not a resolvable URL. */
    public static final String MRN_SYSTEM = "urn:vigil:mrn";
    /** Identifier system of Vigil's care units (patient.care_unit), referenced from Patient.managingOrganization. */
    public static final String CARE_UNIT_SYSTEM = "https://vigil.io/fhir/sid/care-unit";
    static final String IDENTIFIER_TYPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/v2-0203";
    static final int MAX_TEXT = 200;

    /** The outcome of reading an incoming Patient: a patient to create, or the first problem found. */
    public sealed interface Result {
        /** A valid patient, without id (the store assigns it). */
        record Ok(PatientRecord patient) implements Result {}

        /** The field (a FHIRPath such as {@code Patient.birthDate}) and why it was refused; no patient data. */
        record Invalid(String field, String reason) implements Result {}
    }

    private PatientMapper() {
    }

    /** The patient as a FHIR Patient: MRN identifier, official name, gender and birth date when known. */
    public static Patient toFhir(PatientRecord p) {
        Patient patient = new Patient();
        patient.setId(p.id());
        patient.addIdentifier(mrn(p.mrn()));
        patient.addName(new HumanName().setFamily(p.family()).addGiven(p.given()).setUse(HumanName.NameUse.OFFICIAL));
        if (p.sex() != null) {
            patient.setGender(gender(p.sex()));
        }
        if (p.birthDate() != null) {
            patient.setBirthDateElement(new DateType(p.birthDate().toString()));
        }
        if (p.unit() != null) {
            patient.setManagingOrganization(careUnit(p.unit()));
        }
        return patient;
    }

    /** A care unit as a logical reference: there are no Organization resources, only the unit's identifier. */
    public static Reference careUnit(String unit) {
        return new Reference().setIdentifier(new Identifier().setSystem(CARE_UNIT_SYSTEM).setValue(unit)).setDisplay(unit);
    }

    static Identifier mrn(String value) {
        CodeableConcept type = new CodeableConcept(new Coding(IDENTIFIER_TYPE_SYSTEM, "MR", "Medical record number"));
        return new Identifier().setUse(Identifier.IdentifierUse.USUAL).setType(type).setSystem(MRN_SYSTEM)
                .setValue(value);
    }

    private static AdministrativeGender gender(String sex) {
        try {
            return AdministrativeGender.fromCode(sex.toLowerCase(Locale.ROOT));
        } catch (org.hl7.fhir.exceptions.FHIRException e) {
            return AdministrativeGender.UNKNOWN;
        }
    }

    /** Validates and converts an incoming FHIR Patient (POST /fhir/Patient); failures are values. */
    public static Result fromFhir(Patient p) {
        if (p == null) {
            return new Result.Invalid("Patient", "a Patient resource is required");
        }
        Optional<String> mrn = p.getIdentifier().stream().filter(PatientMapper::isMrn)
                .map(Identifier::getValue).filter(v -> !blank(v)).map(String::trim).findFirst();
        if (mrn.isEmpty()) {
            return new Result.Invalid("Patient.identifier",
                    "a medical record number is required: an identifier of type MR or system " + MRN_SYSTEM);
        }
        Optional<HumanName> name = p.getName().stream().filter(n -> family(n) != null || given(n) != null)
                .findFirst();
        if (name.isEmpty()) {
            return new Result.Invalid("Patient.name", "a name with a family or a given name is required");
        }
        String family = family(name.get());
        String given = given(name.get());
        if (mrn.get().length() > MAX_TEXT) {
            return new Result.Invalid("Patient.identifier", "the MRN is longer than " + MAX_TEXT + " characters");
        }
        if (length(family) > MAX_TEXT || length(given) > MAX_TEXT) {
            return new Result.Invalid("Patient.name", "a name is longer than " + MAX_TEXT + " characters");
        }
        Optional<Result.Invalid> birthDateProblem = birthDateProblem(p);
        if (birthDateProblem.isPresent()) {
            return birthDateProblem.get();
        }
        LocalDate birthDate = p.hasBirthDate() ? LocalDate.parse(p.getBirthDateElement().getValueAsString()) : null;
        String sex = p.hasGender() ? p.getGender().toCode() : null;
        Identifier unit = p.getManagingOrganization().getIdentifier();
        String careUnit = CARE_UNIT_SYSTEM.equals(unit.getSystem()) && !blank(unit.getValue()) ? unit.getValue().trim() : null;
        if (p.hasManagingOrganization() && careUnit == null) {
            return new Result.Invalid("Patient.managingOrganization",
                    "the care unit is given as an identifier with system " + CARE_UNIT_SYSTEM);
        }
        if (careUnit != null && careUnit.length() > 64) {
            return new Result.Invalid("Patient.managingOrganization", "the care unit is longer than 64 characters");
        }
        return new Result.Ok(new PatientRecord(null, mrn.get(), given, family, birthDate, sex, careUnit, null));
    }

    private static boolean isMrn(Identifier identifier) {
        boolean typedMr = identifier.getType().getCoding().stream()
                .anyMatch(c -> IDENTIFIER_TYPE_SYSTEM.equals(c.getSystem()) && "MR".equals(c.getCode()));
        return typedMr || MRN_SYSTEM.equals(identifier.getSystem());
    }

    private static String family(HumanName name) {
        return blank(name.getFamily()) ? null : name.getFamily().trim();
    }

    /** All given names, space-separated, or null. */
    private static String given(HumanName name) {
        return name.getGiven().stream().map(StringType::getValue).filter(g -> !blank(g)).map(String::trim)
                .reduce((a, b) -> a + " " + b).orElse(null);
    }

    private static Optional<Result.Invalid> birthDateProblem(Patient p) {
        if (!p.hasBirthDate()) {
            return Optional.empty();
        }
        DateType birth = p.getBirthDateElement();
        if (birth.getPrecision() != TemporalPrecisionEnum.DAY) {
            return Optional.of(new Result.Invalid("Patient.birthDate", "a full date (YYYY-MM-DD) is required"));
        }
        // A day of slack: a birth "today" somewhere east of UTC is already tomorrow's date there.
        if (LocalDate.parse(birth.getValueAsString()).isAfter(LocalDate.now(ZoneOffset.UTC).plusDays(1))) {
            return Optional.of(new Result.Invalid("Patient.birthDate", "the birth date is in the future"));
        }
        return Optional.empty();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static int length(String s) {
        return s == null ? 0 : s.length();
    }
}
