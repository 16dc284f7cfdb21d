package io.vigil.server.web;

/**
 * The latest value of one vital on a tile, formatted once on the server so the page, the event stream
 * and scripts show the same text.
 *
 * @param type       measurement type alias, e.g. {@code heart-rate}
 * @param label      the short label on the tile, e.g. {@code HR}
 * @param name       what a screen reader says for the label, e.g. {@code Heart rate}
 * @param value      the value as shown, e.g. {@code 72}, {@code 120/80 (93)}, {@code A}, {@code Air}
 * @param unit       display unit, empty when the value has none
 * @param detail     the meaning of a coded value (e.g. {@code Alert}), else null
 * @param time       when it was measured (ISO-8601 instant)
 * @param received   whether {@code time} is when Vigil received it, because the device sent no time
 * @param staleAfter seconds after {@code time} at which the value counts as stale
 * @param device     the device that measured it
 */
public record VitalReading(String type, String label, String name, String value, String unit, String detail,
                           String time, boolean received, long staleAfter, String device) {

    /** The value shown for oxygen therapy when the patient breathes room air. */
    static final String AIR = "Air";
}
