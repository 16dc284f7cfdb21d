package io.vigil.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.model.PatientRecord;
import java.time.LocalDate;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PatientMapperTest {

    private static final PatientRecord ADA = new PatientRecord("pat-1", "MRN-0042", "Ada", "Lovelace",
            LocalDate.of(1952, 12, 10), "female", "ward-a", "3");

    @Test
    void toFhir_validates() {
        assertThat(OfflineValidator.errors(PatientMapper.toFhir(ADA))).isEmpty();
    }

    @Test
    void toFhir_carriesMrnNameGenderBirthDate() {
        Patient patient = PatientMapper.toFhir(ADA);

        assertThat(patient.getIdElement().getIdPart()).isEqualTo("pat-1");
        Identifier mrn = patient.getIdentifierFirstRep();
        assertThat(mrn.getSystem()).isEqualTo(PatientMapper.MRN_SYSTEM);
        assertThat(mrn.getValue()).isEqualTo("MRN-0042");
        assertThat(mrn.getType().getCodingFirstRep().getCode()).isEqualTo("MR");
        assertThat(mrn.getType().getCodingFirstRep().getSystem())
                .isEqualTo("http://terminology.hl7.org/CodeSystem/v2-0203");
        assertThat(patient.getNameFirstRep().getFamily()).isEqualTo("Lovelace");
        assertThat(patient.getNameFirstRep().getGivenAsSingleString()).isEqualTo("Ada");
        assertThat(patient.getGender()).isEqualTo(AdministrativeGender.FEMALE);
        assertThat(patient.getBirthDateElement().getValueAsString()).isEqualTo("1952-12-10");
    }

    @Test
    void toFhir_withoutBirthDateOrSex_validates() {
        PatientRecord sparse = new PatientRecord("pat-2", "MRN-7", "Sam", "Doe", null, null, null, null);

        Patient patient = PatientMapper.toFhir(sparse);

        assertThat(patient.hasBirthDate()).isFalse();
        assertThat(patient.hasGender()).isFalse();
        assertThat(OfflineValidator.errors(patient)).isEmpty();
    }

    @Test
    void fromFhir_ofToFhir_returnsThePatientWithItsUnit_withoutIdOrBed() {
        PatientMapper.Result result = PatientMapper.fromFhir(PatientMapper.toFhir(ADA));

        assertThat(result).isEqualTo(new PatientMapper.Result.Ok(
                new PatientRecord(null, "MRN-0042", "Ada", "Lovelace", LocalDate.of(1952, 12, 10), "female", ADA.unit(),
                        null)));
    }

    @Test
    void toFhir_careUnit_isTheManagingOrganizationByIdentifier() {
        Patient patient = PatientMapper.toFhir(ADA);

        assertThat(patient.getManagingOrganization().getIdentifier().getSystem()).isEqualTo("https://vigil.io/fhir/sid/care-unit");
        assertThat(patient.getManagingOrganization().getIdentifier().getValue()).isEqualTo(ADA.unit());
    }

    @Test
    void fromFhir_managingOrganizationWithoutTheCareUnitSystem_isRefused() {
        Patient patient = PatientMapper.toFhir(ADA);
        patient.getManagingOrganization().getIdentifier().setSystem("http://example.org/wards");

        assertThat(PatientMapper.fromFhir(patient)).isInstanceOfSatisfying(PatientMapper.Result.Invalid.class,
                invalid -> assertThat(invalid.field()).isEqualTo("Patient.managingOrganization"));
    }

    @Test
    void fromFhir_postedJsonWithHospitalMrnSystem_isAccepted() {
        String json = """
                {"resourceType": "Patient",
                 "identifier": [{"type": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v2-0203",
                                                      "code": "MR"}]},
                                 "system": "https://hospital.example/mrn", "value": " 123456 "}],
                 "name": [{"family": "Nightingale", "given": ["Florence", "Mary"]}],
                 "gender": "female", "birthDate": "1920-05-12"}
                """;

        PatientMapper.Result result = PatientMapper.fromFhir(FhirJson.parse(Patient.class, json));

        assertThat(result).isEqualTo(new PatientMapper.Result.Ok(new PatientRecord(null, "123456", "Florence Mary",
                "Nightingale", LocalDate.of(1920, 5, 12), "female", null, null)));
    }

    @Test
    void fromFhir_null_isInvalid() {
        assertThat(PatientMapper.fromFhir(null)).isInstanceOf(PatientMapper.Result.Invalid.class);
    }

    @Test
    void fromFhir_withoutMrn_isInvalidNamingIdentifier() {
        Patient patient = PatientMapper.toFhir(ADA);
        patient.getIdentifier().clear();
        patient.addIdentifier().setSystem("http://example.org/passport").setValue("X1");

        assertThat(PatientMapper.fromFhir(patient)).isEqualTo(new PatientMapper.Result.Invalid("Patient.identifier",
                "a medical record number is required: an identifier of type MR or system " + PatientMapper.MRN_SYSTEM));
    }

    @Test
    void fromFhir_blankMrn_isInvalidNamingIdentifier() {
        Patient patient = PatientMapper.toFhir(ADA);
        patient.getIdentifierFirstRep().setValue("  ");

        assertThat(invalidField(PatientMapper.fromFhir(patient))).isEqualTo("Patient.identifier");
    }

    @Test
    void fromFhir_mrnByTypeOnly_isAccepted() {
        Patient patient = PatientMapper.toFhir(ADA);
        patient.getIdentifier().clear();
        patient.addIdentifier(new Identifier().setValue("H-9").setType(new CodeableConcept(
                new Coding("http://terminology.hl7.org/CodeSystem/v2-0203", "MR", null))));

        assertThat(PatientMapper.fromFhir(patient)).isInstanceOfSatisfying(PatientMapper.Result.Ok.class,
                ok -> assertThat(ok.patient().mrn()).isEqualTo("H-9"));
    }

    @Test
    void fromFhir_withoutName_isInvalidNamingName() {
        Patient patient = PatientMapper.toFhir(ADA);
        patient.getName().clear();
        patient.addName(new HumanName().setText("   "));

        assertThat(invalidField(PatientMapper.fromFhir(patient))).isEqualTo("Patient.name");
    }

    @Test
    void fromFhir_overlongName_isInvalidNamingName() {
        Patient patient = PatientMapper.toFhir(ADA);
        patient.getNameFirstRep().setFamily("x".repeat(PatientMapper.MAX_TEXT + 1));

        assertThat(invalidField(PatientMapper.fromFhir(patient))).isEqualTo("Patient.name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1952", "1952-12"})
    void fromFhir_partialBirthDate_isInvalidNamingBirthDate(String partial) {
        Patient patient = PatientMapper.toFhir(ADA);
        patient.getBirthDateElement().setValueAsString(partial);

        assertThat(invalidField(PatientMapper.fromFhir(patient))).isEqualTo("Patient.birthDate");
    }

    @Test
    void fromFhir_futureBirthDate_isInvalidNamingBirthDate() {
        Patient patient = PatientMapper.toFhir(ADA);
        patient.getBirthDateElement().setValueAsString(LocalDate.now().plusYears(1).toString());

        assertThat(invalidField(PatientMapper.fromFhir(patient))).isEqualTo("Patient.birthDate");
    }

    @Test
    void fromFhir_invalidReason_containsNoPatientData() {
        Patient patient = PatientMapper.toFhir(ADA);
        patient.getBirthDateElement().setValueAsString("1952");

        PatientMapper.Result.Invalid invalid = (PatientMapper.Result.Invalid) PatientMapper.fromFhir(patient);

        assertThat(invalid.reason()).doesNotContain("Lovelace", "Ada", "MRN-0042", "1952");
    }

    @ParameterizedTest
    @ValueSource(strings = {"female", "male", "other", "unknown"})
    void sex_roundTripsThroughAdministrativeGender(String sex) {
        PatientRecord p = new PatientRecord("p", "M", "A", "B", null, sex, null, null);

        assertThat(PatientMapper.fromFhir(PatientMapper.toFhir(p))).isInstanceOfSatisfying(
                PatientMapper.Result.Ok.class, ok -> assertThat(ok.patient().sex()).isEqualTo(sex));
    }

    private static String invalidField(PatientMapper.Result result) {
        assertThat(result).isInstanceOf(PatientMapper.Result.Invalid.class);
        return ((PatientMapper.Result.Invalid) result).field();
    }
}
