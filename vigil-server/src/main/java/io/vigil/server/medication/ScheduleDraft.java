package io.vigil.server.medication;

import java.time.Instant;
import java.util.List;

/**
 * A schedule as a client asks for it (REST body, or read from a FHIR MedicationRequest), before it is checked.
 * Nulls mean "not given".
 *
 * @param timesOfDay local times {@code HH:mm} (FHIR {@code timeOfDay})
 * @param when       FHIR event-timing codes (MORN, NOON, EVE, NIGHT, HS, CM, CD, CV, ACM …), mapped to local times
 * @param dispenser  the dispenser to push to; null: the patient's assigned device of type {@value MedicationSchedules#DISPENSER_TYPE}
 */
public record ScheduleDraft(String patientId, String dispenser, String rxnorm, String medication, Integer frequency,
                            Integer period, String periodUnit, List<String> timesOfDay, List<String> when,
                            Boolean asNeeded, String dose, String zone, Instant start, Instant end) {}
