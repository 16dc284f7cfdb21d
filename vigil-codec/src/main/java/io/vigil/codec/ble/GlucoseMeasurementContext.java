package io.vigil.codec.ble;

/**
 * Glucose Measurement Context (0x2A34), Bluetooth SIG Glucose Service 1.0: flags; sequence number (the Glucose
 * Measurement 0x2A18 it belongs to); then, by flag, extended flags (reserved), carbohydrate id + carbohydrate
 * (SFLOAT, kg; noted in g), meal, tester (low nibble) and health (high nibble), exercise duration (s) + intensity (%),
 * medication id + medication (SFLOAT, kg or, with flag bit 5, L; noted in mg or mL), HbA1c (SFLOAT, %). It carries no measurement of
 * its own: every field becomes a note.
 */
final class GlucoseMeasurementContext {
    private static final String[] CARBOHYDRATE = {null, "breakfast", "lunch", "dinner", "snack", "drink", "supper",
            "brunch"};
    private static final String[] MEAL = {null, "preprandial (before meal)", "postprandial (after meal)", "fasting",
            "casual (snacks, drinks, etc.)", "bedtime"};
    private static final String[] TESTER = {null, "self", "health care professional", "lab test"};
    private static final String[] HEALTH = {null, "minor health issues", "major health issues", "during menses",
            "under stress", "no health issues"};
    private static final String[] MEDICATION = {null, "rapid acting insulin", "short acting insulin",
            "intermediate acting insulin", "long acting insulin", "pre-mixed insulin"};
    private static final int NOT_AVAILABLE = 0x0F;
    private static final int DURATION_OVERRUN = 0xFFFF;

    private GlucoseMeasurementContext() {
    }

    static void read(GattFrame frame, GattReadingBuilder reading) throws GattRejection {
        int flags = frame.uint8("flags");
        reading.note("sequence number " + frame.uint16("sequence number")
                + " (context of the glucose measurement with this number)");
        if ((flags & 0x80) != 0) {
            int extended = frame.uint8("extended flags");
            if (extended != 0) {
                reading.note("extended flags 0x" + Integer.toHexString(extended) + " (reserved for future use) ignored");
            }
        }
        if ((flags & 0x01) != 0) {
            String id = name(CARBOHYDRATE, frame.uint8("carbohydrate id"));
            reading.note("carbohydrate: " + id + " " + scaled(frame.sfloat("carbohydrate"), 1000, "g"));
        }
        if ((flags & 0x02) != 0) {
            reading.note("meal: " + name(MEAL, frame.uint8("meal")));
        }
        if ((flags & 0x04) != 0) {
            int testerHealth = frame.uint8("tester-health");
            reading.note("tester: " + nibble(TESTER, testerHealth & 0x0F));
            reading.note("health: " + nibble(HEALTH, testerHealth >> 4));
        }
        if ((flags & 0x08) != 0) {
            int duration = frame.uint16("exercise duration");
            int intensity = frame.uint8("exercise intensity");
            reading.note(duration == DURATION_OVERRUN ? "exercise duration: overrun" : "exercise duration " + duration + " s");
            reading.note("exercise intensity " + intensity + " %");
        }
        if ((flags & 0x10) != 0) {
            String id = name(MEDICATION, frame.uint8("medication id"));
            boolean litres = (flags & 0x20) != 0;
            Ieee11073Float amount = frame.sfloat("medication");
            reading.note("medication: " + id + " " + (litres ? scaled(amount, 1e3, "mL") : scaled(amount, 1e6, "mg")));
        }
        if ((flags & 0x40) != 0) {
            reading.note("HbA1c " + GattReadingBuilder.describe(frame.sfloat("HbA1c"), "%"));
        }
    }

    /** A mass in kg or volume in L as g, mg or mL: the sizes a meal or a dose has. */
    private static String scaled(Ieee11073Float value, double factor, String unit) {
        return switch (value) {
            case Ieee11073Float.Finite finite ->
                    GattReadingBuilder.number(Math.round(finite.value() * factor * 1e6) / 1e6) + " " + unit;
            case Ieee11073Float.Special special -> special.kind().description();
        };
    }

    private static String name(String[] names, int value) {
        return value > 0 && value < names.length ? names[value] : "reserved (" + value + ")";
    }

    private static String nibble(String[] names, int value) {
        return value == NOT_AVAILABLE ? "not available" : name(names, value);
    }
}
