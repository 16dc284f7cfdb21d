package io.vigil.codec.ble;

import java.util.StringJoiner;

/**
 * Heart Rate Measurement (0x2A37), Heart Rate Service 1.0: flags; heart rate (uint8 or uint16 bpm); then, by flag,
 * energy expended (uint16 kJ) and RR intervals (uint16, 1/1024 s, oldest first) filling the rest of the value.
 * RR intervals are kept as a note for now.
 */
final class HeartRateMeasurement {

    private HeartRateMeasurement() {
    }

    static void read(GattFrame frame, GattReadingBuilder reading) throws GattRejection {
        int flags = frame.uint8("flags");
        int at = frame.offset();
        int rate = (flags & 0x01) != 0 ? frame.uint16("heart rate") : frame.uint8("heart rate");
        switch ((flags >> 1) & 0x03) {
            case 2 -> reading.note("sensor contact not detected");
            case 3 -> reading.note("sensor contact detected");
            default -> { } // sensor contact feature not supported
        }
        if ((flags & 0x08) != 0) {
            reading.note("energy expended " + frame.uint16("energy expended") + " kJ");
        }
        if ((flags & 0x10) != 0) {
            StringJoiner intervals = new StringJoiner(", ", "RR intervals (s): ", "");
            do { // the flag announces at least one interval
                intervals.add(GattReadingBuilder.number(frame.uint16("RR interval") / 1024.0));
            } while (frame.remaining() > 0);
            reading.note(intervals.toString());
        }
        reading.quantity("heart-rate", rate, "/min", at, "heart rate", null);
    }
}
