package io.vigil.model;

/**
 * A unit a device may send, and the affine map to the type's canonical UCUM unit:
 * {@code canonical = value × factor + offset}.
 */
public record UnitConversion(String unit, double factor, double offset) {

    public static UnitConversion identity(String unit) {
        return new UnitConversion(unit, 1.0, 0.0);
    }

    public static UnitConversion scale(String unit, double factor) {
        return new UnitConversion(unit, factor, 0.0);
    }

    public double toCanonical(double value) {
        return value * factor + offset;
    }

    public double fromCanonical(double canonical) {
        return (canonical - offset) / factor;
    }
}
