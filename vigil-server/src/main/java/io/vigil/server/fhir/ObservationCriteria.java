package io.vigil.server.fhir;

import ca.uhn.fhir.rest.param.DateAndListParam;
import ca.uhn.fhir.rest.param.ReferenceAndListParam;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenAndListParam;
import io.vigil.server.observation.ObservationQuery;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What an Observation search (or {@code $lastn}) asks for, in Vigil's terms: one patient, one device, a set of
 * measurement types and an effective-time window — or the knowledge that nothing can match (a code Vigil does not
 * store, {@code subject=Group/…}, two different patients ANDed), which is an empty result, not an error.
 *
 * @param patientId  the patient's id, or null for any
 * @param deviceId   the device's id, or null for any
 * @param types      the measurement-type aliases allowed, or null for any
 * @param window     the effective-time window
 * @param impossible whether the criteria exclude everything
 */
record ObservationCriteria(String patientId, String deviceId, Set<String> types, EffectiveWindow window, boolean impossible) {

    /** The search parameters, as HAPI parsed them (any may be null). */
    record Parameters(ReferenceAndListParam patient, ReferenceAndListParam subject, TokenAndListParam code,
                      TokenAndListParam category, DateAndListParam date, ReferenceAndListParam device) {}

    static ObservationCriteria of(Parameters p, ObservationCodes codes) {
        Target patient = Target.of(p.patient(), "patient", "Patient").and(Target.of(p.subject(), "subject", "Patient"));
        Target device = Target.of(p.device(), "device", "Device");
        Set<String> types = ObservationCodes.both(codes.byCode(p.code()), codes.byCategory(p.category()));
        EffectiveWindow window = EffectiveWindow.of(p.date());
        boolean impossible = patient.none() || device.none() || (types != null && types.isEmpty()) || window.isEmpty();
        return new ObservationCriteria(patient.id(), device.id(), types, window, impossible);
    }

    /** The store query for one page of these criteria. */
    ObservationQuery query(boolean newestFirst, int offset, int limit) {
        return new ObservationQuery(patientId, deviceId, types == null ? List.of() : List.copyOf(types),
                window.from(), true, window.to(), false, newestFirst, offset, limit);
    }

    /** The same criteria for one measurement type (for {@code $lastn}). */
    ObservationQuery queryFor(String type, int limit) {
        return new ObservationQuery(patientId, deviceId, List.of(type), window.from(), true, window.to(), false, true, 0, limit);
    }

    /** The id a reference search names: null if unrestricted; {@code none} if nothing can match. */
    private record Target(String id, boolean none) {
        static final Target ANY = new Target(null, false);
        static final Target NONE = new Target(null, true);

        static Target of(ReferenceAndListParam and, String name, String resourceType) {
            Target target = ANY;
            if (and == null) {
                return target;
            }
            for (ReferenceOrListParam or : and.getValuesAsQueryTokens()) {
                Set<Target> alternatives = new LinkedHashSet<>();
                for (ReferenceParam reference : or.getValuesAsQueryTokens()) {
                    alternatives.add(of(reference, name, resourceType));
                }
                alternatives.remove(NONE);
                if (alternatives.size() > 1) {
                    throw FhirRefusals.invalid("'" + name + "' takes one " + resourceType + " per search");
                }
                target = target.and(alternatives.isEmpty() ? NONE : alternatives.iterator().next());
            }
            return target;
        }

        private static Target of(ReferenceParam reference, String name, String resourceType) {
            if (reference.hasChain() || reference.getMissing() != null) {
                throw FhirRefusals.invalid("Chains and modifiers are not supported on '" + name + "'");
            }
            String id = reference.getIdPart();
            if (id == null || id.isBlank()) {
                throw FhirRefusals.invalid("'" + name + "' needs a " + resourceType + " id");
            }
            boolean otherType = reference.hasResourceType() && !resourceType.equals(reference.getResourceType());
            return otherType ? NONE : new Target(id, false);
        }

        Target and(Target other) {
            if (none || other.none) {
                return NONE;
            }
            if (id == null) {
                return other;
            }
            return other.id == null || id.equals(other.id) ? this : NONE;
        }
    }
}
