package io.vigil.server.patient;

import io.vigil.model.PatientRecord;
import io.vigil.server.api.ApiException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** Admitting a patient to Vigil (from REST or FHIR): checks the record, then stores it. */
@Service
public class PatientRegistration {
    private static final Logger log = LoggerFactory.getLogger(PatientRegistration.class);
    private static final Set<String> SEXES = Set.of("female", "male", "other", "unknown");

    private final PatientStore store;
    private final Clock clock;

    PatientRegistration(PatientStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    private static void requireLength(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw ApiException.invalid(field, field + " is longer than " + max + " characters");
        }
    }

    public PatientRecord register(PatientRecord patient) {
        if (patient.mrn() == null || patient.mrn().isBlank() || patient.mrn().length() > 64) {
            throw ApiException.invalid("mrn", "MRN is required (1–64 characters)");
        }
        if ((patient.given() == null || patient.given().isBlank()) && (patient.family() == null || patient.family().isBlank())) {
            throw ApiException.invalid("name", "A given or family name is required");
        }
        requireLength("name.given", patient.given(), 200);
        requireLength("name.family", patient.family(), 200);
        requireLength("unit", patient.unit(), 64);
        requireLength("bed", patient.bed(), 32);
        if (patient.sex() != null && !SEXES.contains(patient.sex())) {
            throw ApiException.invalid("sex", "Sex must be one of female, male, other, unknown");
        }
        if (patient.birthDate() != null && patient.birthDate().isAfter(LocalDate.now(clock))) {
            throw ApiException.invalid("birthDate", "Birth date lies in the future");
        }
        PatientRecord saved = store.create(patient);
        log.info("event=patient.registered patient={} unit={}", saved.id(), saved.unit());
        return saved;
    }
}
