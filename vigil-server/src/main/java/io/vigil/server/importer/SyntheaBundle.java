package io.vigil.server.importer;

import io.vigil.fhir.FhirJson;
import io.vigil.model.MeasurementRegistry;
import io.vigil.model.MeasurementType;
import io.vigil.model.UnitConversion;
import io.vigil.model.ValueKind;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;

/**
 * One Synthea patient file (a FHIR R4 transaction Bundle: Patient, Encounter, Condition, Observation, …) read as what
 * Vigil takes from it: the patient's registration and those vital-sign Observations whose LOINC code is in Vigil's
 * measurement registry, as device-JSON messages. Everything else is counted, not imported: Observations of other
 * codes by code, and mapped ones Vigil cannot take (no value, a unit the type does not accept, a value outside the
 * plausible range) as unusable. Pure: no Spring, no I/O beyond the text given.
 *
 * @param mrn       the medical record number: the identifier typed MR, else Synthea's own id
 * @param readings  device-JSON messages ({@code id} = {@code syn-<Observation id>}, {@code time}, {@code values}),
 *                  oldest first
 * @param skipped   Observations not imported because Vigil has no such measurement, by LOINC code
 * @param unusable  Observations of a Vigil measurement that could not be taken
 */
record SyntheaBundle(String mrn, String given, String family, LocalDate birthDate, String sex,
                     List<Map<String, Object>> readings, Map<String, Integer> skipped, int unusable) {
    static final String LOINC = "http://loinc.org";
    private static final String MR = "MR";

    /** Why a file is not a patient to import. */
    static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message);
        }
    }

    static SyntheaBundle parse(String json, MeasurementRegistry registry) throws Unreadable {
        Bundle bundle;
        try {
            bundle = FhirJson.parse(Bundle.class, json);
        } catch (RuntimeException e) {
            throw new Unreadable("not a FHIR R4 Bundle: " + e.getMessage());
        }
        Patient patient = bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(Patient.class::isInstance).map(Patient.class::cast).findFirst()
                .orElseThrow(() -> new Unreadable("the Bundle has no Patient"));
        String mrn = mrn(patient).orElseThrow(() -> new Unreadable("the Patient has no identifier to use as MRN"));
        String family = patient.getNameFirstRep().getFamily();
        String given = patient.getNameFirstRep().getGivenAsSingleString();
        if (family == null || family.isBlank()) {
            throw new Unreadable("the Patient has no family name");
        }
        String birth = patient.getBirthDateElement().getValueAsString();
        LocalDate birthDate = birth == null || birth.length() != 10 ? null : LocalDate.parse(birth);
        String sex = patient.getGender() == null ? "unknown" : patient.getGender().toCode();

        Set<String> components = new HashSet<>();
        registry.types().forEach(t -> t.components().forEach(c -> components.add(c.alias())));
        List<Map<String, Object>> readings = new ArrayList<>();
        Map<String, Integer> skipped = new TreeMap<>();
        int unusable = 0;
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            if (!(entry.getResource() instanceof Observation observation)) {
                continue;
            }
            String code = loinc(observation.getCode().getCoding());
            Optional<MeasurementType> type = code == null ? Optional.empty() : registry.find(code)
                    .filter(t -> !components.contains(t.alias()) && t.kind() != ValueKind.CODED);
            if (type.isEmpty()) {
                skipped.merge(code == null ? "(no LOINC code)" : code, 1, Integer::sum);
                continue;
            }
            Optional<Map<String, Object>> reading = reading(observation, type.get());
            if (reading.isPresent()) {
                readings.add(reading.get());
            } else {
                unusable++;
            }
        }
        readings.sort((a, b) -> ((String) a.get("time")).compareTo((String) b.get("time")));
        return new SyntheaBundle(mrn, given, family, birthDate, sex, readings, skipped, unusable);
    }

    /** The time of the first and the last reading, or null without readings. */
    Instant firstReading() {
        return readings.isEmpty() ? null : Instant.parse((String) readings.getFirst().get("time"));
    }

    Instant lastReading() {
        return readings.isEmpty() ? null : Instant.parse((String) readings.getLast().get("time"));
    }

    private static Optional<String> mrn(Patient patient) {
        for (Identifier identifier : patient.getIdentifier()) {
            if (identifier.getType().getCoding().stream().anyMatch(c -> MR.equals(c.getCode())) && identifier.hasValue()) {
                return Optional.of(identifier.getValue());
            }
        }
        return patient.getIdentifier().stream().filter(Identifier::hasValue).map(Identifier::getValue).findFirst();
    }

    private static String loinc(List<Coding> codings) {
        return codings.stream().filter(c -> LOINC.equals(c.getSystem())).map(Coding::getCode).findFirst().orElse(null);
    }

    private static Optional<Map<String, Object>> reading(Observation observation, MeasurementType type) {
        Instant time = effective(observation);
        if (time == null || observation.getIdPart() == null) {
            return Optional.empty();
        }
        Object value;
        if (type.kind() == ValueKind.PANEL) {
            Map<String, Object> panel = new LinkedHashMap<>();
            for (Observation.ObservationComponentComponent component : observation.getComponent()) {
                String code = loinc(component.getCode().getCoding());
                Optional<MeasurementType> part = type.components().stream()
                        .filter(c -> c.codes().stream().anyMatch(k -> k.code().equals(code))).findFirst();
                if (part.isEmpty() || !component.hasValueQuantity()) {
                    continue;
                }
                Optional<Double> canonical = canonical(part.get(), component.getValueQuantity());
                if (canonical.isEmpty()) {
                    return Optional.empty();
                }
                panel.put(part.get().alias(), canonical.get());
            }
            if (panel.isEmpty()) {
                return Optional.empty();
            }
            value = panel;
        } else {
            if (!observation.hasValueQuantity()) {
                return Optional.empty();
            }
            Optional<Double> canonical = canonical(type, observation.getValueQuantity());
            if (canonical.isEmpty()) {
                return Optional.empty();
            }
            value = canonical.get();
        }
        Map<String, Object> message = new LinkedHashMap<>();
        // HAPI gives a bundled resource the id of its fullUrl (urn:uuid:…): the UUID is Synthea's id.
        String id = "syn-" + observation.getIdPart().replaceFirst("^urn:uuid:", "").replaceAll("[^A-Za-z0-9._:-]", "-");
        message.put("id", id.length() > 128 ? id.substring(0, 128) : id);
        message.put("time", time.toString());
        message.put("values", Map.of(type.alias(), value));
        return Optional.of(message);
    }

    /** The value in the type's canonical unit, if its unit is one the type accepts and the value is plausible. */
    private static Optional<Double> canonical(MeasurementType type, Quantity quantity) {
        if (!quantity.hasValue()) {
            return Optional.empty();
        }
        String unit = quantity.hasCode() ? quantity.getCode() : quantity.getUnit();
        Optional<UnitConversion> conversion = unit == null ? Optional.empty() : type.conversionFor(unit);
        if (conversion.isEmpty()) {
            return Optional.empty();
        }
        double value = conversion.get().toCanonical(quantity.getValue().doubleValue());
        if (type.plausible() != null && !type.plausible().contains(value)) {
            return Optional.empty();
        }
        return Optional.of(value);
    }

    private static Instant effective(Observation observation) {
        if (observation.hasEffectiveDateTimeType()) {
            return observation.getEffectiveDateTimeType().getValue().toInstant();
        }
        if (observation.hasEffectiveInstantType()) {
            return observation.getEffectiveInstantType().getValue().toInstant();
        }
        if (observation.hasEffectivePeriod() && observation.getEffectivePeriod().hasStart()) {
            return observation.getEffectivePeriod().getStart().toInstant();
        }
        return null;
    }
}
