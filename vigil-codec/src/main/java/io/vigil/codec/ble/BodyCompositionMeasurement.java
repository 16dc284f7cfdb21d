package io.vigil.codec.ble;

import static io.vigil.codec.ErrorCode.MISSING_VALUES;

/**
 * Body Composition Measurement (0x2A9C), Body Composition Service 1.0: flags (uint16); body fat percentage
 * (uint16, 0.1 %; 0xFFFF = measurement unsuccessful); then, by flag, time stamp, user id, basal metabolism (kJ),
 * muscle percentage (0.1 %), muscle mass, fat free mass, soft lean mass, body water mass (0.005 kg or 0.01 lb),
 * impedance (0.1 Ω), weight (mass resolution), height (0.001 m or 0.1 in). Weight and height become measurements;
 * the registry has no types for the composition values yet, so they are notes, and a value with neither weight
 * nor height is refused (it reaches the dead letters rather than vanishing).
 */
final class BodyCompositionMeasurement {
    private static final int UNSUCCESSFUL = 0xFFFF;
    private static final String[] MASSES = {"muscle mass", "fat free mass", "soft lean mass", "body water mass"};

    private BodyCompositionMeasurement() {
    }

    static void read(GattFrame frame, GattReadingBuilder reading) throws GattRejection {
        int flags = frame.uint16("flags");
        boolean imperial = (flags & 0x0001) != 0;
        String massUnit = imperial ? "lb" : "kg";
        reading.note("body fat " + tenths(frame.uint16("body fat percentage"), "%"));
        if ((flags & 0x0002) != 0) {
            reading.deviceTime(frame.dateTime("time stamp"));
        }
        if ((flags & 0x0004) != 0) {
            int user = frame.uint8("user id");
            reading.note(user == 0xFF ? "user unknown" : "user " + user);
        }
        if ((flags & 0x0008) != 0) {
            reading.note("basal metabolism " + frame.uint16("basal metabolism") + " kJ");
        }
        if ((flags & 0x0010) != 0) {
            reading.note("muscle percentage " + tenths(frame.uint16("muscle percentage"), "%"));
        }
        for (int i = 0; i < MASSES.length; i++) {
            if ((flags & (0x0020 << i)) != 0) {
                reading.note(MASSES[i] + " " + GattReadingBuilder.number(mass(frame.uint16(MASSES[i]), imperial)) + " " + massUnit);
            }
        }
        if ((flags & 0x0200) != 0) {
            reading.note("impedance " + tenths(frame.uint16("impedance"), "Ohm"));
        }
        boolean measured = weightAndHeight(frame, reading, flags, imperial);
        if ((flags & 0x1000) != 0) {
            reading.note("part of a multiple-packet measurement");
        }
        if (!measured) {
            throw GattRejection.at(MISSING_VALUES, 0, "flags", "The body composition value has no weight or height;"
                    + " Vigil has no measurement type for body fat and the other composition values yet.");
        }
    }

    /** Whether the value holds a weight (even "unsuccessful", which the builder refuses as such) or a height. */
    private static boolean weightAndHeight(GattFrame frame, GattReadingBuilder reading, int flags, boolean imperial)
            throws GattRejection {
        boolean measured = (flags & 0x0400) != 0;
        if (measured) {
            int at = frame.offset();
            int weight = frame.uint16("weight");
            if (weight == UNSUCCESSFUL) {
                reading.unsuccessful(at, "weight");
            } else {
                reading.quantity("body-weight", mass(weight, imperial), imperial ? "[lb_av]" : "kg", at, "weight", null);
            }
        }
        if ((flags & 0x0800) != 0) {
            int at = frame.offset();
            int height = frame.uint16("height");
            if (height != 0) {
                reading.quantity("body-height", DecimalScale.of(height, imperial ? -1 : -3), imperial ? "[in_i]" : "m",
                        at, "height", null);
                measured = true;
            }
        }
        return measured;
    }

    private static double mass(int raw, boolean imperial) {
        return imperial ? DecimalScale.of(raw, -2) : DecimalScale.of(raw * 5L, -3);
    }

    private static String tenths(int raw, String unit) {
        return raw == UNSUCCESSFUL ? "measurement unsuccessful" : GattReadingBuilder.number(DecimalScale.of(raw, -1)) + " " + unit;
    }
}
