package io.vigil.server.web;

import io.vigil.server.access.PatientScope;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What one caller may see on the ward pages and streams, decided when the page or stream opens (and again while a
 * stream runs): the patients of their scope, the units those patients are in, and whether unattributed devices.
 *
 * @param scope    the patients whose readings the caller may see
 * @param units    the units the caller may open: those their care teams cover, and those of single patients
 *                 shared with them or opened by breaking the glass
 * @param devices  whether the caller sees devices that sent readings nobody was assigned to
 */
record WardViewer(PatientScope scope, SortedSet<String> units, boolean devices) {
    WardViewer {
        units = Collections.unmodifiableSortedSet(new TreeSet<>(units));
    }

    /** Whether the caller may open this unit (or {@code all}, which shows whatever they may see). */
    boolean mayOpen(String unit) {
        return WardBoard.ALL.equals(unit) || units.contains(unit);
    }

    /** Whether the caller may see this tile's patient. */
    boolean sees(BedTile tile) {
        return scope.includes(tile.patient(), tile.unit());
    }
}
