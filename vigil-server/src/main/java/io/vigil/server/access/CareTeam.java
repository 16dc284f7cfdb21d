package io.vigil.server.access;

import java.util.Set;

/**
 * A group of people who look after the patients of some care units.
 *
 * @param id      stable id, e.g. {@code ward-a-team}
 * @param name    what people call it
 * @param units   the care units (patient.care_unit) it covers
 * @param members user names of its members
 */
public record CareTeam(String id, String name, Set<String> units, Set<String> members) {
    public CareTeam {
        units = Set.copyOf(units);
        members = Set.copyOf(members);
    }
}
