package io.vigil.model;

import java.util.Optional;

/**
 * Where on the body a measurement was taken, as SNOMED CT body structures: the sites a thermometer names (the
 * Bluetooth Temperature Type of the Health Thermometer Service, IEEE 11073 temperature terms, HL7 v2 OBX-20).
 * Codes from the HL7 "Vital Signs with Qualifying Elements" value set Body Temperature Measurement Body Location
 * (bodyTempMeasBodyLocationPrecoordVS, STU1), and for the two sites that value set lacks — the body in general and
 * the gastro-intestinal tract — the SNOMED CT concepts "Entire body as a whole" and "Gastrointestinal tract structure".
 * The table and its sources are in docs/devices.md.
 */
public enum BodySite {
    ARMPIT("422543003", "Structure of axillary fossa (body structure)", "armpit"),
    BODY("38266002", "Entire body as a whole (body structure)", "body (general)"),
    EAR("117590005", "Ear structure (body structure)", "ear (usually earlobe)"),
    FINGER("7569003", "Finger structure (body structure)", "finger"),
    GASTRO_INTESTINAL_TRACT("122865005", "Gastrointestinal tract structure (body structure)", "gastro-intestinal tract"),
    MOUTH("74262004", "Oral cavity structure (body structure)", "mouth"),
    RECTUM("34402009", "Rectum structure (body structure)", "rectum"),
    TOE("29707007", "Toe structure (body structure)", "toe"),
    TYMPANUM("42859004", "Tympanic membrane structure (body structure)", "tympanum (ear drum)");

    private final String snomed;
    private final String display;
    private final String label;

    BodySite(String snomed, String display, String label) {
        this.snomed = snomed;
        this.display = display;
        this.label = label;
    }

    /** The SNOMED CT coding: code and fully specified name. */
    public Code code() {
        return Code.snomed(snomed, display);
    }

    /** The site in plain words, as the device's specification names it ("armpit"). */
    public String label() {
        return label;
    }

    /** The site with this SNOMED CT code, if it is one of these. */
    public static Optional<BodySite> ofSnomed(String code) {
        for (BodySite site : values()) {
            if (site.snomed.equals(code)) {
                return Optional.of(site);
            }
        }
        return Optional.empty();
    }
}
