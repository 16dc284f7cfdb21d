package io.vigil.codec.ble;

/**
 * Weight Measurement (0x2A9D), Weight Scale Service 1.0: flags; weight (uint16, 0.005 kg or 0.01 lb; 0xFFFF =
 * measurement unsuccessful); then, by flag, time stamp, user id, BMI (uint16, 0.1 kg/m²) with height (uint16,
 * 0.001 m or 0.1 in). A BMI or height of 0 means the scale does not know the user's height: it is skipped.
 */
final class WeightMeasurement {
    private static final int UNSUCCESSFUL = 0xFFFF;

    private WeightMeasurement() {
    }

    static void read(GattFrame frame, GattReadingBuilder reading) throws GattRejection {
        int flags = frame.uint8("flags");
        boolean imperial = (flags & 0x01) != 0;
        int at = frame.offset();
        int weight = frame.uint16("weight");
        if (weight == UNSUCCESSFUL) {
            reading.unsuccessful(at, "weight");
        } else if (imperial) {
            reading.quantity("body-weight", DecimalScale.of(weight, -2), "[lb_av]", at, "weight", null);
        } else {
            reading.quantity("body-weight", DecimalScale.of(weight * 5L, -3), "kg", at, "weight", null);
        }
        if ((flags & 0x02) != 0) {
            reading.deviceTime(frame.dateTime("time stamp"));
        }
        if ((flags & 0x04) != 0) {
            int user = frame.uint8("user id");
            reading.note(user == 0xFF ? "user unknown" : "user " + user);
        }
        if ((flags & 0x08) != 0) {
            int bmiAt = frame.offset();
            int bmi = frame.uint16("BMI");
            int heightAt = frame.offset();
            int height = frame.uint16("height");
            if (bmi == 0) {
                reading.note("BMI not available");
            } else {
                reading.quantity("bmi", DecimalScale.of(bmi, -1), "kg/m2", bmiAt, "BMI", null);
            }
            if (height == 0) {
                reading.note("height not available");
            } else if (imperial) {
                reading.quantity("body-height", DecimalScale.of(height, -1), "[in_i]", heightAt, "height", null);
            } else {
                reading.quantity("body-height", DecimalScale.of(height, -3), "m", heightAt, "height", null);
            }
        }
    }
}
