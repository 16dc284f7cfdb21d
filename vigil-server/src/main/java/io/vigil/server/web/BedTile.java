package io.vigil.server.web;

import java.util.List;

/**
 * One patient's tile on the ward page. In a snapshot {@code vitals} holds the latest value of every vital
 * the patient has; in a live update only the values that just arrived (the page keeps the newer per type).
 *
 * @param patient patient id
 * @param unit    care unit
 * @param bed     bed label, null when the patient has no bed (e.g. remote monitoring)
 * @param name    given and family name
 * @param age     age in whole years, null when the birth date is unknown
 * @param sex     administrative gender
 * @param mrn     medical record number
 * @param vitals  values in the tile's display order
 * @param news2   the patient's current NEWS2, null when none of its parameters has a fresh reading
 */
public record BedTile(String patient, String unit, String bed, String name, Integer age, String sex, String mrn,
                      List<VitalReading> vitals, News2Badge news2) {

    /**
     * NEWS2 as a tile shows it: the total, its band ({@code low}, {@code low-medium}, {@code medium}, {@code high});
     * while parameters are missing the total is a floor and the band the one it already reaches. Not for clinical use.
     */
    public record News2Badge(int total, String band, boolean complete) {}
}
