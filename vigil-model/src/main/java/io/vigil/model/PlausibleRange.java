package io.vigil.model;

/** The physiologically possible span of a measurement, in its canonical unit, both ends inclusive. */
public record PlausibleRange(double min, double max) {
    public PlausibleRange {
        if (!(min <= max)) {
            throw new IllegalArgumentException("min must not exceed max");
        }
    }

    public boolean contains(double value) {
        return value >= min && value <= max;
    }
}
