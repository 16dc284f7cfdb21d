package io.vigil.server.access;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * The patients one caller may see: every patient of some care units, plus single patients (shared with a
 * caregiver, or opened by breaking the glass). {@link #everyPatient()} is for reading registrations as an
 * administrator — never clinical data.
 *
 * @param everyPatient whether the scope has no limit
 * @param units        care units (patient.care_unit) whose patients are all in scope
 * @param patients     patient ids in scope whatever their unit
 */
public record PatientScope(boolean everyPatient, Set<String> units, Set<String> patients) {
    private static final PatientScope NOBODY = new PatientScope(false, Set.of(), Set.of());
    private static final PatientScope EVERYONE = new PatientScope(true, Set.of(), Set.of());

    /** A condition for an SQL WHERE clause, with its arguments in order. */
    public record Condition(String sql, List<Object> args) {}

    public PatientScope {
        units = Set.copyOf(units);
        patients = Set.copyOf(patients);
    }

    public static PatientScope nobody() {
        return NOBODY;
    }

    public static PatientScope everyone() {
        return EVERYONE;
    }

    public boolean isEmpty() {
        return !everyPatient && units.isEmpty() && patients.isEmpty();
    }

    /** Whether the patient with this id, who is in this unit (null: none), is in scope. */
    public boolean includes(String patientId, String unit) {
        return everyPatient || (unit != null && units.contains(unit)) || (patientId != null && patients.contains(patientId));
    }

    public boolean includesUnit(String unit) {
        return everyPatient || units.contains(unit);
    }

    /**
     * The scope as SQL over a row's unit and patient-id columns, e.g. {@code where("p.care_unit", "p.id")}. A row
     * whose patient is unknown (a null id, an unattributed reading) is never in a limited scope.
     */
    public Condition where(String unitColumn, String patientIdColumn) {
        if (everyPatient) {
            return new Condition("1 = 1", List.of());
        }
        if (isEmpty()) {
            return new Condition("1 = 0", List.of());
        }
        List<String> alternatives = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        if (!units.isEmpty()) {
            alternatives.add(unitColumn + " IN (" + placeholders(units.size()) + ")");
            args.addAll(units.stream().sorted().toList());
        }
        if (!patients.isEmpty()) {
            alternatives.add(patientIdColumn + " IN (" + placeholders(patients.size()) + ")");
            args.addAll(patients.stream().sorted().toList());
        }
        return new Condition("(" + String.join(" OR ", alternatives) + ")", Collections.unmodifiableList(args));
    }

    /**
     * The scope as SQL over a row's patient-id column alone (rows without a patient join: observations, alerts),
     * looking the unit up in the patient table.
     */
    public Condition wherePatient(String patientIdColumn) {
        if (everyPatient || isEmpty()) {
            return where(null, null);
        }
        Condition byRegistration = where("care_unit", "id");
        return new Condition(patientIdColumn + " IN (SELECT id FROM patient WHERE " + byRegistration.sql() + ")",
                byRegistration.args());
    }

    private static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }
}
