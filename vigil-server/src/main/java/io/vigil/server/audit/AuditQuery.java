package io.vigil.server.audit;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Which stored events a search wants; every criterion is optional and they are ANDed.
 *
 * @param patientId      Vigil's patient id
 * @param actor          the user name ({@code device:<id>} for devices)
 * @param from           earliest event time, inclusive
 * @param to             latest event time, exclusive
 * @param actionPatterns groups of SQL LIKE patterns on the action ({@code login.%}): the patterns of a group are
 *                       ORed, the groups ANDed; no groups match every action (an empty group matches none)
 * @param excludedActionPatterns SQL LIKE patterns the action must match none of
 * @param patientScope   the patients the reader may see: null for all (administrators); events naming no patient
 *                       are then hidden too
 */
public record AuditQuery(String patientId, String actor, Instant from, Instant to, List<List<String>> actionPatterns,
                         List<String> excludedActionPatterns, Set<String> patientScope) {

    public AuditQuery {
        actionPatterns = actionPatterns == null ? List.of() : actionPatterns.stream().map(List::copyOf).toList();
        excludedActionPatterns = excludedActionPatterns == null ? List.of() : List.copyOf(excludedActionPatterns);
        patientScope = patientScope == null ? null : Set.copyOf(patientScope);
    }

    /** Every event. */
    public static AuditQuery all() {
        return new AuditQuery(null, null, null, null, List.of(), List.of(), null);
    }
}
