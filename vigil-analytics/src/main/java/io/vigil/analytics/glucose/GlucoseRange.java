package io.vigil.analytics.glucose;

/**
 * The consensus glucose ranges (Battelino et al., Diabetes Care 2019), in mg/dL. The published ranges are
 * whole numbers (low 54–69, in range 70–180, high 181–250); a reading between them belongs to the range
 * with these bounds: very low &lt; 54 ≤ low &lt; 70 ≤ in range ≤ 180 &lt; high ≤ 250 &lt; very high.
 */
public enum GlucoseRange {
    VERY_LOW,
    LOW,
    IN_RANGE,
    HIGH,
    VERY_HIGH;

    public static GlucoseRange of(double mgPerDl) {
        if (mgPerDl < 54) return VERY_LOW;
        if (mgPerDl < 70) return LOW;
        if (mgPerDl <= 180) return IN_RANGE;
        if (mgPerDl <= 250) return HIGH;
        return VERY_HIGH;
    }
}
