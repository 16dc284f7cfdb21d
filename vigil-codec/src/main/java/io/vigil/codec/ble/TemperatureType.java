package io.vigil.codec.ble;

import io.vigil.model.BodySite;

/**
 * Temperature Type (0x2A1D), Health Thermometer Service 1.0: one byte, the body site of the thermometer's
 * measurements. The same byte is the optional last field of a Temperature Measurement (0x2A1C). The site becomes the
 * reading's {@link BodySite} (SNOMED CT), and a note in the specification's words; a reserved value only a note.
 * A value of its own carries no measurement.
 */
final class TemperatureType {
    /** Index = the type byte (GATT Specification Supplement, Temperature Type). */
    private static final BodySite[] SITES = {null, BodySite.ARMPIT, BodySite.BODY, BodySite.EAR, BodySite.FINGER,
            BodySite.GASTRO_INTESTINAL_TRACT, BodySite.MOUTH, BodySite.RECTUM, BodySite.TOE, BodySite.TYMPANUM};

    private TemperatureType() {
    }

    /** Reads the type byte: the site, and the note "temperature type: armpit" or "temperature type: reserved (12)". */
    static void read(GattFrame frame, GattReadingBuilder reading) throws GattRejection {
        int type = frame.uint8("temperature type");
        BodySite site = site(type);
        if (site != null) {
            reading.bodySite(site);
        }
        reading.note("temperature type: " + (site != null ? site.label() : "reserved (" + type + ")"));
    }

    /** The site a type byte names; null for the reserved values (0, 10–255). */
    static BodySite site(int type) {
        return type > 0 && type < SITES.length ? SITES[type] : null;
    }
}
