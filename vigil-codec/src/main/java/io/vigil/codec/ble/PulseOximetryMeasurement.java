package io.vigil.codec.ble;

/**
 * PLX Spot-check Measurement (0x2A5E) and PLX Continuous Measurement (0x2A5F), Pulse Oximeter Service 1.0: SpO2 (%)
 * and pulse rate (bpm) as SFLOAT, then optional fields by flag. Measurement and device/sensor status bits become
 * notes, so a questionable or invalid reading stays visible as such.
 */
final class PulseOximetryMeasurement {
    private static final String[] MEASUREMENT_STATUS = {null, null, null, null, null, "measurement ongoing",
            "early estimated data", "validated data", "fully qualified data", "data from measurement storage",
            "data for demonstration", "data for testing", "calibration ongoing", "measurement unavailable",
            "questionable measurement detected", "invalid measurement detected"};
    private static final String[] DEVICE_STATUS = {"extended display update ongoing", "equipment malfunction detected",
            "signal processing irregularity detected", "inadequate signal detected", "poor signal detected",
            "low perfusion detected", "erratic signal detected", "nonpulsatile signal detected",
            "questionable pulse detected", "signal analysis ongoing", "sensor interference detected",
            "sensor unconnected to user", "unknown sensor connected", "sensor displaced", "sensor malfunctioning",
            "sensor disconnected"};

    private PulseOximetryMeasurement() {
    }

    static void readSpotCheck(GattFrame frame, GattReadingBuilder reading) throws GattRejection {
        int flags = frame.uint8("flags");
        spo2AndPulse(frame, reading);
        if ((flags & 0x01) != 0) {
            reading.deviceTime(frame.dateTime("time stamp"));
        }
        status(frame, reading, (flags & 0x02) != 0, (flags & 0x04) != 0);
        if ((flags & 0x08) != 0) {
            reading.note("pulse amplitude index " + GattReadingBuilder.describe(frame.sfloat("pulse amplitude index"), "%"));
        }
        if ((flags & 0x10) != 0) {
            reading.distrustDeviceTime("device clock is not set: receive time used");
        }
    }

    static void readContinuous(GattFrame frame, GattReadingBuilder reading) throws GattRejection {
        int flags = frame.uint8("flags");
        spo2AndPulse(frame, reading);
        if ((flags & 0x01) != 0) {
            reading.note("SpO2PR-Fast: SpO2 " + GattReadingBuilder.describe(frame.sfloat("SpO2PR-Fast SpO2"), "%")
                    + ", pulse rate " + GattReadingBuilder.describe(frame.sfloat("SpO2PR-Fast PR"), "/min"));
        }
        if ((flags & 0x02) != 0) {
            reading.note("SpO2PR-Slow: SpO2 " + GattReadingBuilder.describe(frame.sfloat("SpO2PR-Slow SpO2"), "%")
                    + ", pulse rate " + GattReadingBuilder.describe(frame.sfloat("SpO2PR-Slow PR"), "/min"));
        }
        status(frame, reading, (flags & 0x04) != 0, (flags & 0x08) != 0);
        if ((flags & 0x10) != 0) {
            reading.note("pulse amplitude index " + GattReadingBuilder.describe(frame.sfloat("pulse amplitude index"), "%"));
        }
    }

    private static void spo2AndPulse(GattFrame frame, GattReadingBuilder reading) throws GattRejection {
        int spo2At = frame.offset();
        Ieee11073Float spo2 = frame.sfloat("SpO2");
        int pulseAt = frame.offset();
        Ieee11073Float pulse = frame.sfloat("pulse rate");
        reading.quantity("spo2", spo2, "%", spo2At, "SpO2");
        reading.quantity("heart-rate", pulse, "/min", pulseAt, "pulse rate");
    }

    private static void status(GattFrame frame, GattReadingBuilder reading, boolean measurement, boolean device)
            throws GattRejection {
        if (measurement) {
            reading.statusBits(frame.uint16("measurement status"), MEASUREMENT_STATUS);
        }
        if (device) {
            reading.statusBits(frame.uint24("device and sensor status"), DEVICE_STATUS);
        }
    }
}
