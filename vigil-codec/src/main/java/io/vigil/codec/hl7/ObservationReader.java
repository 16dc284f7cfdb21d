package io.vigil.codec.hl7;

import static io.vigil.codec.ErrorCode.HL7_MISSING_FIELD;
import static io.vigil.codec.ErrorCode.INVALID_VALUE;
import static io.vigil.codec.ErrorCode.UNSUPPORTED_UNIT;

import io.vigil.model.BodySite;
import io.vigil.model.MeasurementType;
import io.vigil.model.UnitConversion;
import io.vigil.model.ValueKind;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** One OBX row: a metric Vigil takes, a row it passes over (with a note), or a containment header row. */
final class ObservationReader {

    /** What one OBX row is. */
    sealed interface Row {}

    /** An MDS/VMD/channel header (no value), or an empty row: nothing to say. */
    record Header() implements Row {}

    /** A row Vigil passes over, and why (no patient data in the note). */
    record Skipped(String note) implements Row {}

    /**
     * A numeric metric, in its type's canonical unit.
     *
     * @param time null when neither OBX-14, OBR-7 nor MSH-7 gave one
     */
    record Metric(MeasurementType type, double value, String unit, Instant time, String position,
                  String containment, int request, BodySite site) implements Row {}

    /** Coding systems OBX-20 names SNOMED CT with (HL7 table 0396 "SCT", older "SNM", and the FHIR URI), upper-cased. */
    private static final Set<String> SNOMED = Set.of("SCT", "SNM", "SNOMED", "SNOMED-CT", "SNOMEDCT", "HTTP://SNOMED.INFO/SCT");

    /** IEEE 11073 terms that name their site: MDC_TEMP_AXIL. */
    private static final Map<String, BodySite> TERM_SITES = Map.of("188496", BodySite.ARMPIT);


    private final MdcVocabulary vocabulary;
    ObservationReader(MdcVocabulary vocabulary) {
        this.vocabulary = vocabulary;
    }

    /** @param times the message's recent times (OBX-14 repeats from row to row) */
    Row read(Er7Segment obx, String position, int request, Instant fallbackTime, Hl7Time.Recent times) throws Hl7Rejection {
        String valueType = obx.text(2, 1);
        String value = obx.text(5, 1);
        String code = obx.text(3, 1);
        String referenceId = obx.text(3, 2);
        String status = obx.text(11, 1);
        String name = referenceId != null ? referenceId : code;
        if (value == null && valueType == null) {
            return new Header();
        }
        if (code == null && referenceId == null) {
            throw Hl7Rejection.at(HL7_MISSING_FIELD, position + "-3", position
                    + "-3 (observation identifier) is empty; PCD-01 codes each metric as code^REFID^MDC.");
        }
        MeasurementType type = vocabulary.metric(code).orElse(null);
        if (type == null) {
            // A row without a value (an MDS, VMD or channel header, a setting) is structure, not a skipped reading.
            return value == null ? new Header() : new Skipped(position + " " + name + ": not an MDC metric Vigil stores");
        }
        if (type.kind() != ValueKind.QUANTITY) {
            // e.g. 150020 MDC_PRESS_BLD_NONINV: the heading of an NIBP channel, whose metrics follow in their own rows.
            return value == null ? new Header() : new Skipped(position + " " + name + ": a group heading, not a metric");
        }
        if ("X".equals(status) || "N".equals(status)) {
            return new Skipped(position + " " + name + ": the device could not obtain a value (OBX-11 " + status + ")");
        }
        if ("D".equals(status) || "W".equals(status)) {
            return new Skipped(position + " " + name + ": withdrawn by the sender (OBX-11 " + status + ")");
        }
        if (value == null) {
            return new Skipped(position + " " + name + ": no value");
        }
        if (!"NM".equals(valueType)) {
            return new Skipped(position + " " + name + ": value type " + valueType + " is not a number (NM)");
        }
        if (!number(value)) {
            throw Hl7Rejection.at(INVALID_VALUE, position + "-5", position + "-5 of " + name
                    + " is not an HL7 number (NM), such as 97 or 36.8.");
        }
        UnitConversion conversion = conversion(obx, type, position, name);
        double canonical = conversion.toCanonical(Double.parseDouble(value));
        if (!type.plausible().contains(canonical)) {
            return new Skipped(position + " " + name + ": " + value + " is outside " + type.alias()
                    + "'s plausible range (a monitor's sentinel for an invalid reading?)");
        }
        Instant time = times.parse(obx.text(14, 1), position, "-14");
        return new Metric(type, canonical, type.canonicalUnit(), time != null ? time : fallbackTime, position,
                obx.text(4, 1), request, site(obx, code));
    }

    /**
     * The body site: OBX-20 (observation site, CWE) when it carries a SNOMED CT code Vigil knows, in its first or
     * alternate coding; else the site the metric's own term names; else null. Other sites are not kept.
     */
    private static BodySite site(Er7Segment obx, String code) {
        for (int first : new int[] {1, 4}) {
            String system = obx.text(20, 0, first + 2, 1);
            if (system != null && SNOMED.contains(system.toUpperCase(Locale.ROOT))) {
                BodySite site = BodySite.ofSnomed(obx.text(20, 0, first, 1)).orElse(null);
                if (site != null) {
                    return site;
                }
            }
        }
        return code == null ? null : TERM_SITES.get(code.trim());
    }

    /**
     * HL7 NM: optional sign, 1–15 digits, optional decimal point and up to 15 more digits (or a point and 1–15
     * digits); no exponent. Such text parses to the nearest double, as a decimal would round to one.
     */
    static boolean number(String text) {
        int at = text.startsWith("+") || text.startsWith("-") ? 1 : 0;
        int integer = run(text, at);
        at += integer;
        int fraction = -1;
        if (at < text.length() && text.charAt(at) == '.') {
            fraction = run(text, at + 1);
            at += 1 + fraction;
        }
        return at == text.length() && integer <= 15 && fraction <= 15 && (integer > 0 || fraction > 0);
    }

    /** How many ASCII digits start at {@code from}. */
    private static int run(String text, int from) {
        int end = from;
        while (end < text.length() && text.charAt(end) >= '0' && text.charAt(end) <= '9') {
            end++;
        }
        return end - from;
    }

    private static UnitConversion conversion(Er7Segment obx, MeasurementType type, String position, String name)
            throws Hl7Rejection {
        String unitCode = obx.text(6, 1);
        String unitText = obx.text(6, 2);
        String unitSystem = obx.text(6, 3);
        if (unitCode == null && unitText == null) {
            throw Hl7Rejection.at(HL7_MISSING_FIELD, position + "-6", position + "-6 (units) of " + name
                    + " is empty; send an MDC unit such as 262688^MDC_DIM_PERCENT^MDC or a UCUM unit.");
        }
        String ucum = "MDC".equals(unitSystem) ? MdcVocabulary.unit(unitCode, unitText) : null;
        if (ucum == null) {
            String mdc = MdcVocabulary.unit(unitCode, unitText);
            ucum = mdc != null ? mdc : unitCode != null ? unitCode : unitText;
        }
        return type.conversionFor(ucum).orElseThrow(() -> Hl7Rejection.at(UNSUPPORTED_UNIT, position + "-6",
                position + "-6 of " + name + " is not a unit Vigil accepts for " + type.alias() + " (accepted: "
                        + type.acceptedUnits().stream().map(UnitConversion::unit).toList() + ")."));
    }
}
