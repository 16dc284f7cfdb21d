package io.vigil.model;

import java.time.LocalDate;

/**
 * A patient as Vigil keeps it.
 *
 * @param id        Vigil's id (the FHIR logical id)
 * @param mrn       medical record number
 * @param given     given name
 * @param family    family name
 * @param birthDate date of birth, may be null
 * @param sex       administrative gender: female, male, other, unknown
 * @param unit      the care unit the patient belongs to (e.g. ward-a, home), may be null
 * @param bed       bed label within the unit, may be null
 */
public record PatientRecord(String id, String mrn, String given, String family, LocalDate birthDate, String sex,
                            String unit, String bed) {

    /** Given and family name as people read them; the MRN when both are missing. */
    public String displayName() {
        String name = ((given == null ? "" : given) + " " + (family == null ? "" : family)).strip();
        return name.isEmpty() ? mrn : name;
    }
}
