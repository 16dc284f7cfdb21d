package io.vigil.server.observation;

import java.time.Instant;
import java.util.List;

/**
 * A search over stored observations (the FHIR Observation search and the REST views share it).
 *
 * @param patientId   only this patient's, or null
 * @param deviceId    only this device's, or null
 * @param types       only these measurement-type aliases (empty = all)
 * @param from        effective at or after (inclusive), or null
 * @param fromInclusive whether {@code from} itself matches
 * @param to          effective before (exclusive), or null
 * @param toInclusive whether {@code to} itself matches
 * @param newestFirst order by effective time descending
 * @param offset      rows to skip
 * @param limit       rows to return
 */
public record ObservationQuery(String patientId, String deviceId, List<String> types, Instant from, boolean fromInclusive,
                               Instant to, boolean toInclusive, boolean newestFirst, int offset, int limit) {
    public ObservationQuery {
        types = List.copyOf(types);
    }

    public static ObservationQuery forPatient(String patientId) {
        return new ObservationQuery(patientId, null, List.of(), null, true, null, false, true, 0, 100);
    }

    public ObservationQuery page(int newOffset, int newLimit) {
        return new ObservationQuery(patientId, deviceId, types, from, fromInclusive, to, toInclusive, newestFirst, newOffset, newLimit);
    }
}
