package io.vigil.codec.ble;

import static io.vigil.codec.ErrorCode.INVALID_TIME;
import static io.vigil.codec.ErrorCode.TRUNCATED;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.Instant;

/**
 * A read cursor over one characteristic value (little-endian, as GATT sends it). Every read names its field so a
 * short value fails with the field and the offset where it should have started.
 */
final class GattFrame {
    private final byte[] bytes;
    private final int end;
    private int offset;

    GattFrame(byte[] bytes) {
        this(bytes, 0, bytes.length);
    }

    private GattFrame(byte[] bytes, int start, int end) {
        this.bytes = bytes;
        this.offset = start;
        this.end = end;
    }

    /** A cursor over the next {@code length} bytes (one record of a multi-record value); this one skips them. */
    GattFrame record(int length, String field) throws GattRejection {
        require(length, field);
        GattFrame record = new GattFrame(bytes, offset, offset + length);
        offset += length;
        return record;
    }

    int offset() {
        return offset;
    }

    int remaining() {
        return end - offset;
    }

    byte[] bytes() {
        return bytes;
    }

    int uint8(String field) throws GattRejection {
        require(1, field);
        return bytes[offset++] & 0xFF;
    }

    int uint16(String field) throws GattRejection {
        require(2, field);
        int value = (bytes[offset] & 0xFF) | (bytes[offset + 1] & 0xFF) << 8;
        offset += 2;
        return value;
    }

    int sint16(String field) throws GattRejection {
        return (short) uint16(field);
    }

    int uint24(String field) throws GattRejection {
        require(3, field);
        int value = (bytes[offset] & 0xFF) | (bytes[offset + 1] & 0xFF) << 8 | (bytes[offset + 2] & 0xFF) << 16;
        offset += 3;
        return value;
    }

    Ieee11073Float sfloat(String field) throws GattRejection {
        return Ieee11073Float.ofSfloat(uint16(field));
    }

    Ieee11073Float float32(String field) throws GattRejection {
        require(4, field);
        int value = (bytes[offset] & 0xFF) | (bytes[offset + 1] & 0xFF) << 8 | (bytes[offset + 2] & 0xFF) << 16
                | (bytes[offset + 3] & 0xFF) << 24;
        offset += 4;
        return Ieee11073Float.ofFloat(value);
    }

    /**
     * A Date Time (year uint16, month, day, hours, minutes, seconds), read as UTC since it carries no zone;
     * null when the device does not know the date (year, month or day 0).
     */
    Instant dateTime(String field) throws GattRejection {
        int start = offset;
        require(7, field);
        int year = uint16(field);
        int month = uint8(field);
        int day = uint8(field);
        int hours = uint8(field);
        int minutes = uint8(field);
        int seconds = uint8(field);
        if (year == 0 || month == 0 || day == 0) {
            return null;
        }
        try {
            if (year < 1582 || year > 9999) {
                throw new DateTimeException("year out of range");
            }
            return LocalDateTime.of(year, month, day, hours, minutes, seconds).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw GattRejection.at(INVALID_TIME, start, field, String.format(
                    "%s at offset %d is %04d-%02d-%02d %02d:%02d:%02d, which is not a valid date and time.",
                    field, start, year, month, day, hours, minutes, seconds));
        }
    }

    private void require(int length, String field) throws GattRejection {
        if (end - offset < length) {
            throw GattRejection.at(TRUNCATED, offset, field, field + " needs " + length + " byte"
                    + (length == 1 ? "" : "s") + " at offset " + offset + ", but the value has only "
                    + Math.max(0, end - offset) + " left.");
        }
    }
}
