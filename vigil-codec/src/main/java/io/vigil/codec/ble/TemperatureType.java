package io.vigil.codec.ble;

/**
 * Temperature Type (0x2A1D), Health Thermometer Service 1.0: one byte, the body site of the thermometer's
 * measurements. The same byte is the optional last field of a Temperature Measurement (0x2A1C). A value of its own
 * carries no measurement: it decodes to a note.
 */
final class TemperatureType {
    private static final String[] SITES = {null, "armpit", "body (general)", "ear (usually earlobe)", "finger",
            "gastro-intestinal tract", "mouth", "rectum", "toe", "tympanum (ear drum)"};

    private TemperatureType() {
    }

    static void read(GattFrame frame, GattReadingBuilder reading) throws GattRejection {
        reading.note(note(frame));
    }

    /** Reads the type byte: "temperature type: armpit", or "temperature type: reserved (12)". */
    static String note(GattFrame frame) throws GattRejection {
        int type = frame.uint8("temperature type");
        return "temperature type: " + (type > 0 && type < SITES.length ? SITES[type] : "reserved (" + type + ")");
    }
}
