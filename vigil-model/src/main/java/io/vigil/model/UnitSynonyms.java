package io.vigil.model;

import java.util.Map;

/** Common ways devices write units, mapped to their UCUM codes. UCUM codes map to themselves. */
final class UnitSynonyms {
    private static final Map<String, String> UCUM = Map.ofEntries(
            Map.entry("bpm", "/min"),
            Map.entry("beats/min", "/min"),
            Map.entry("breaths/min", "/min"),
            Map.entry("{beats}/min", "/min"),
            Map.entry("{breaths}/min", "/min"),
            Map.entry("mmHg", "mm[Hg]"),
            Map.entry("°C", "Cel"),
            Map.entry("degC", "Cel"),
            Map.entry("°F", "[degF]"),
            Map.entry("degF", "[degF]"),
            Map.entry("lb", "[lb_av]"),
            Map.entry("lbs", "[lb_av]"),
            Map.entry("in", "[in_i]"),
            Map.entry("mmol/l", "mmol/L"),
            Map.entry("mg/dl", "mg/dL"),
            Map.entry("l/min", "L/min"),
            Map.entry("INR", "{INR}"),
            Map.entry("l", "L"),
            Map.entry("ml", "mL"),
            Map.entry("l/s", "L/s"));

    private UnitSynonyms() {
    }

    static String toUcum(String unit) {
        if (unit == null) {
            return null;
        }
        String trimmed = unit.trim();
        return UCUM.getOrDefault(trimmed, trimmed);
    }
}
