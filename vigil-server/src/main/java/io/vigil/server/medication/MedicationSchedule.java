package io.vigil.server.medication;

import java.time.Instant;

/**
 * A patient's medication schedule: FHIR {@code MedicationRequest} with one {@code dosageInstruction}.
 *
 * @param dispenserId the dispenser the schedule was pushed to, or null (none assigned when it was made)
 * @param medication  RxNorm code (system {@value Medication#RXNORM}) and/or text
 * @param status      {@code active} or {@code stopped}
 */
public record MedicationSchedule(String id, String patientId, String dispenserId, Medication medication,
                                 DosageTiming timing, String doseText, String status, Instant createdAt,
                                 String createdBy) {
    public static final String ACTIVE = "active";
    public static final String STOPPED = "stopped";

    /** What is given: a coded medication (RxNorm) with its name, or only a name. */
    public record Medication(String system, String code, String text) {
        public static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    }
}
