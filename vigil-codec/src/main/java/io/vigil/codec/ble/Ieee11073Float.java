package io.vigil.codec.ble;

/**
 * An IEEE 11073-20601 number as BLE health devices send it: SFLOAT (16 bit: 4-bit exponent, 12-bit mantissa) or
 * FLOAT (32 bit: 8-bit exponent, 24-bit mantissa), value = mantissa × 10^exponent, both two's complement.
 * The reserved mantissas (NaN, NRes, ±INFINITY, reserved) are {@link Special} outcomes, never numbers.
 */
public sealed interface Ieee11073Float {

    /** A number the device measured. */
    record Finite(double value) implements Ieee11073Float {}

    /** A value the device sent instead of a number. */
    record Special(SpecialValue kind) implements Ieee11073Float {}

    /** The special values of IEEE 11073-20601 (the same five for SFLOAT and FLOAT). */
    enum SpecialValue {
        NAN("NaN (not a number)"),
        NRES("NRes (not at this resolution)"),
        POSITIVE_INFINITY("+INFINITY"),
        NEGATIVE_INFINITY("-INFINITY"),
        RESERVED("reserved for future use");

        private final String description;

        SpecialValue(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    /** Decodes an SFLOAT from its 16 bits (already assembled little-endian). */
    static Ieee11073Float ofSfloat(int raw) {
        int bits = raw & 0xFFFF;
        int mantissa = bits & 0x0FFF;
        SpecialValue special = switch (bits) {
            case 0x07FF -> SpecialValue.NAN;
            case 0x0800 -> SpecialValue.NRES;
            case 0x07FE -> SpecialValue.POSITIVE_INFINITY;
            case 0x0802 -> SpecialValue.NEGATIVE_INFINITY;
            case 0x0801 -> SpecialValue.RESERVED;
            default -> null;
        };
        if (special != null) {
            return new Special(special);
        }
        int exponent = (bits << 16) >> 28;
        return new Finite(scaled((mantissa << 20) >> 20, exponent));
    }

    /** Decodes a FLOAT from its 32 bits (already assembled little-endian). */
    static Ieee11073Float ofFloat(int raw) {
        int mantissa = raw & 0x00FF_FFFF;
        SpecialValue special = switch (raw) {
            case 0x007F_FFFF -> SpecialValue.NAN;
            case 0x0080_0000 -> SpecialValue.NRES;
            case 0x007F_FFFE -> SpecialValue.POSITIVE_INFINITY;
            case 0x0080_0002 -> SpecialValue.NEGATIVE_INFINITY;
            case 0x0080_0001 -> SpecialValue.RESERVED;
            default -> null;
        };
        if (special != null) {
            return new Special(special);
        }
        return new Finite(scaled((mantissa << 8) >> 8, raw >> 24));
    }

    private static double scaled(int mantissa, int exponent) {
        return DecimalScale.of(mantissa, exponent);
    }
}
