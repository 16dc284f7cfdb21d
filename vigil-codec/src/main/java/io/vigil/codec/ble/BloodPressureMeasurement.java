package io.vigil.codec.ble;

/**
 * Blood Pressure Measurement (0x2A35) and Intermediate Cuff Pressure (0x2A36), Bluetooth SIG Blood Pressure
 * Service 1.1: flags; systolic, diastolic, mean arterial pressure (SFLOAT, mmHg or kPa); then, by flag, time
 * stamp, pulse rate (SFLOAT), user id, measurement status. An intermediate cuff pressure is progress, not a
 * result: it becomes a note and no measurement.
 */
final class BloodPressureMeasurement {
    private static final String[] STATUS = {"body movement detected", "cuff too loose", "irregular pulse detected",
            null, null, "improper measurement position"};
    private static final String[] PULSE_RANGE = {null, "pulse rate exceeds upper limit",
            "pulse rate is less than lower limit", "pulse rate range: reserved value 3"};

    private BloodPressureMeasurement() {
    }

    static void read(GattFrame frame, GattReadingBuilder reading, boolean intermediate) throws GattRejection {
        int flags = frame.uint8("flags");
        String unit = (flags & 0x01) != 0 ? "kPa" : "mm[Hg]";
        Ieee11073Float[] values = new Ieee11073Float[3];
        int[] offsets = new int[3];
        String[] fields = {intermediate ? "current cuff pressure" : "systolic", "diastolic", "mean arterial pressure"};
        for (int i = 0; i < 3; i++) {
            offsets[i] = frame.offset();
            values[i] = frame.sfloat(fields[i]);
        }
        if (intermediate) {
            reading.note(fields[0] + " " + GattReadingBuilder.describe(values[0], unit));
        } else {
            reading.bloodPressure(values, offsets, unit);
        }
        if ((flags & 0x02) != 0) {
            reading.deviceTime(frame.dateTime("time stamp"));
        }
        if ((flags & 0x04) != 0) {
            int at = frame.offset();
            Ieee11073Float pulse = frame.sfloat("pulse rate");
            if (intermediate) {
                reading.note("pulse rate " + GattReadingBuilder.describe(pulse, "/min"));
            } else {
                reading.quantity("heart-rate", pulse, "/min", at, "pulse rate");
            }
        }
        if ((flags & 0x08) != 0) {
            int user = frame.uint8("user id");
            reading.note(user == 0xFF ? "user unknown" : "user " + user);
        }
        if ((flags & 0x10) != 0) {
            int status = frame.uint16("measurement status");
            reading.statusBits(status, STATUS);
            String range = PULSE_RANGE[(status >> 3) & 0x03];
            if (range != null) {
                reading.note(range);
            }
        }
    }
}
