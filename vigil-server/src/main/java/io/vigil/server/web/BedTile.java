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
 */
public record BedTile(String patient, String unit, String bed, String name, Integer age, String sex, String mrn,
                      List<VitalReading> vitals) {}
