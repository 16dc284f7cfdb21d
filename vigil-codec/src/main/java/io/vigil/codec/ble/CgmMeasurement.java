package io.vigil.codec.ble;

import static io.vigil.codec.ErrorCode.CRC_MISMATCH;
import static io.vigil.codec.ErrorCode.MALFORMED_PAYLOAD;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * CGM Measurement (0x2AA7), Continuous Glucose Monitoring Service 1.0: one or more records, each: size (the whole
 * record, CRC included), flags, glucose (SFLOAT mg/dL), time offset (uint16 minutes since session start), the
 * sensor status annunciation octets the flags announce (status, cal/temp, warning: the 24-bit field's octets in
 * little-endian order, as the Nordic and GSS-derived parsers read them), trend (SFLOAT mg/dL/min),
 * quality (SFLOAT %), and an E2E-CRC when the sensor supports it (known from the size: two bytes more than the
 * flags need). The session start time lives in another characteristic, so the newest record of the value is
 * placed at the receive time and the others before it by their offsets (time source RECEIVED).
 */
final class CgmMeasurement {
    private static final int MIN_RECORD = 6;
    private static final String[] WARNING = {"result lower than the patient low level",
            "result higher than the patient high level", "result lower than the hypo level",
            "result higher than the hyper level", "sensor rate of decrease exceeded", "sensor rate of increase exceeded",
            "result lower than the device can process", "result higher than the device can process"};
    private static final String[] CAL_TEMP = {"time synchronization between sensor and collector required",
            "calibration not allowed", "calibration recommended", "calibration required",
            "sensor temperature too high for valid measurement", "sensor temperature too low for valid measurement",
            "calibration pending"};
    private static final String[] STATUS = {"session stopped", "device battery low", "sensor type incorrect for device",
            "sensor malfunction", "device specific alert", "general device fault has occurred in the sensor"};

    private record Record(Ieee11073Float glucose, int glucoseAt, int minutes) {}

    private CgmMeasurement() {
    }

    static void read(GattFrame frame, GattReadingBuilder reading) throws GattRejection {
        List<Record> records = new ArrayList<>();
        do {
            records.add(record(frame, reading, records.size() + 1));
        } while (frame.remaining() > 0);
        int newest = records.stream().mapToInt(Record::minutes).max().orElse(0);
        Instant receivedAt = reading.receivedAt();
        for (Record r : records) {
            Instant time = receivedAt.minusSeconds(60L * (newest - r.minutes()));
            reading.quantity("cgm-glucose", r.glucose(), "mg/dL", r.glucoseAt(), "CGM glucose concentration", time);
        }
    }

    private static Record record(GattFrame frame, GattReadingBuilder reading, int number) throws GattRejection {
        int start = frame.offset();
        int size = frame.uint8("size");
        if (size < MIN_RECORD) {
            throw GattRejection.at(MALFORMED_PAYLOAD, start, "size", "CGM record " + number + " at offset " + start
                    + " gives its size as " + size + "; a record has at least " + MIN_RECORD + " bytes.");
        }
        GattFrame record = frame.record(size - 1, "CGM record " + number);
        String prefix = "record " + number + ": ";
        int flags = record.uint8("flags");
        int glucoseAt = record.offset();
        Ieee11073Float glucose = record.sfloat("CGM glucose concentration");
        int minutes = record.uint16("time offset");
        reading.note(prefix + "time offset " + minutes + " min");
        annunciation(record, reading, flags, prefix);
        if ((flags & 0x01) != 0) {
            reading.note(prefix + "trend " + GattReadingBuilder.describe(record.sfloat("CGM trend"), "mg/dL/min"));
        }
        if ((flags & 0x02) != 0) {
            reading.note(prefix + "quality " + GattReadingBuilder.describe(record.sfloat("CGM quality"), "%"));
        }
        checkCrc(record, start, size, number);
        return new Record(glucose, glucoseAt, minutes);
    }

    private static void annunciation(GattFrame record, GattReadingBuilder reading, int flags, String prefix)
            throws GattRejection {
        List<String> notes = new ArrayList<>();
        // The 24-bit annunciation field goes least significant octet first: status, cal/temp, warning.
        if ((flags & 0x80) != 0) {
            bits(record.uint8("status octet"), STATUS, notes);
        }
        if ((flags & 0x40) != 0) {
            bits(record.uint8("cal/temp octet"), CAL_TEMP, notes);
        }
        if ((flags & 0x20) != 0) {
            bits(record.uint8("warning octet"), WARNING, notes);
        }
        notes.forEach(n -> reading.note(prefix + n));
    }

    private static void bits(int octet, String[] names, List<String> notes) {
        for (int bit = 0; bit < names.length; bit++) {
            if ((octet & (1 << bit)) != 0) {
                notes.add(names[bit]);
            }
        }
    }

    private static void checkCrc(GattFrame record, int start, int size, int number) throws GattRejection {
        if (record.remaining() == 0) {
            return;
        }
        if (record.remaining() != 2) {
            throw GattRejection.at(MALFORMED_PAYLOAD, record.offset(), "size", "CGM record " + number + " at offset "
                    + start + " has size " + size + ", which leaves " + record.remaining()
                    + " bytes after its fields; only a 2-byte E2E-CRC may follow them.");
        }
        int crcAt = record.offset();
        int sent = record.uint16("E2E-CRC");
        int computed = Crc16Mcrf4xx.of(record.bytes(), start, crcAt);
        if (sent != computed) {
            throw GattRejection.at(CRC_MISMATCH, crcAt, "E2E-CRC", String.format("CGM record %d: the E2E-CRC at "
                    + "offset %d is 0x%04X, but the record's bytes give 0x%04X.", number, crcAt, sent, computed));
        }
    }
}
