package io.vigil.analytics.news2;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The NEWS2 scoring table, Royal College of Physicians 2017, Chart 1, one method per row.
 *
 * <p>The chart's cells are whole numbers (temperature: one decimal). A reading between two cells is rounded
 * half-up to the chart's precision first, the way a nurse writes it on the paper chart: 20.5 /min → 21 → 2,
 * 36.05 °C → 36.1 → 0. Rounding goes through the decimal text of the double so 36.05 is not read as
 * 36.04999….
 */
public final class News2Chart {

    private News2Chart() {}

    public static int respirationRate(double perMinute) {
        long rate = whole(perMinute);
        if (rate <= 8) return 3;
        if (rate <= 11) return 1;
        if (rate <= 20) return 0;
        if (rate <= 24) return 2;
        return 3;
    }

    /** SpO2 on scale 1; air or oxygen does not change this row (it is scored in its own row). */
    public static int oxygenSaturationScale1(double percent) {
        long spo2 = whole(percent);
        if (spo2 <= 91) return 3;
        if (spo2 <= 93) return 2;
        if (spo2 <= 95) return 1;
        return 0;
    }

    /** SpO2 on scale 2: 88–92 scores 0, and so does ≥ 93 on air; ≥ 93 on oxygen scores 1–3. */
    public static int oxygenSaturationScale2(double percent, boolean onOxygen) {
        long spo2 = whole(percent);
        if (spo2 <= 83) return 3;
        if (spo2 <= 85) return 2;
        if (spo2 <= 87) return 1;
        if (spo2 <= 92 || !onOxygen) return 0;
        if (spo2 <= 94) return 1;
        if (spo2 <= 96) return 2;
        return 3;
    }

    /** Whether SpO2's score on this scale depends on air or oxygen (scale 2, 93 % or more). */
    public static boolean oxygenSaturationNeedsAirOrOxygen(double percent, SpO2Scale scale) {
        return scale == SpO2Scale.SCALE_2 && whole(percent) >= 93;
    }

    public static int airOrOxygen(boolean onOxygen) {
        return onOxygen ? 2 : 0;
    }

    public static int systolicBloodPressure(double mmHg) {
        long sbp = whole(mmHg);
        if (sbp <= 90) return 3;
        if (sbp <= 100) return 2;
        if (sbp <= 110) return 1;
        if (sbp <= 219) return 0;
        return 3;
    }

    public static int pulse(double perMinute) {
        long pulse = whole(perMinute);
        if (pulse <= 40) return 3;
        if (pulse <= 50) return 1;
        if (pulse <= 90) return 0;
        if (pulse <= 110) return 1;
        if (pulse <= 130) return 2;
        return 3;
    }

    /** ACVPU: alert scores 0; new confusion, voice, pain and unresponsive score 3. */
    public static int consciousness(String acvpu) {
        return switch (acvpu) {
            case "A" -> 0;
            case "C", "V", "P", "U" -> 3;
            default -> throw new IllegalArgumentException("not an ACVPU level: " + acvpu);
        };
    }

    public static int temperature(double celsius) {
        BigDecimal t = BigDecimal.valueOf(celsius).setScale(1, RoundingMode.HALF_UP);
        if (t.compareTo(new BigDecimal("35.0")) <= 0) return 3;
        if (t.compareTo(new BigDecimal("36.0")) <= 0) return 1;
        if (t.compareTo(new BigDecimal("38.0")) <= 0) return 0;
        if (t.compareTo(new BigDecimal("39.0")) <= 0) return 1;
        return 2;
    }

    private static long whole(double value) {
        return BigDecimal.valueOf(value).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }
}
