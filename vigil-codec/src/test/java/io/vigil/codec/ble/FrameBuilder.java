package io.vigil.codec.ble;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;

/**
 * Builds characteristic values field by field from the Bluetooth SIG layouts (little-endian), independently of the
 * decoder: SFLOAT and FLOAT are packed from mantissa and exponent here.
 */
final class FrameBuilder {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static FrameBuilder flags(int flags) {
        return new FrameBuilder().u8(flags);
    }

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    FrameBuilder u8(int value) {
        out.write(value & 0xFF);
        return this;
    }

    FrameBuilder u16(int value) {
        return u8(value).u8(value >> 8);
    }

    FrameBuilder u24(int value) {
        return u16(value).u8(value >> 16);
    }

    /** SFLOAT: 4-bit exponent over a 12-bit mantissa, two's complement. */
    FrameBuilder sfloat(int mantissa, int exponent) {
        return u16((exponent & 0x0F) << 12 | (mantissa & 0x0FFF));
    }

    FrameBuilder sfloatRaw(int raw) {
        return u16(raw);
    }

    /** FLOAT: 8-bit exponent over a 24-bit mantissa, two's complement. */
    FrameBuilder float32(int mantissa, int exponent) {
        return u16(mantissa).u8(mantissa >> 16).u8(exponent);
    }

    FrameBuilder float32Raw(int raw) {
        return u16(raw).u16(raw >>> 16);
    }

    FrameBuilder dateTime(int year, int month, int day, int hours, int minutes, int seconds) {
        return u16(year).u8(month).u8(day).u8(hours).u8(minutes).u8(seconds);
    }

    FrameBuilder bytes(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    int length() {
        return out.size();
    }

    byte[] build() {
        return out.toByteArray();
    }
}
