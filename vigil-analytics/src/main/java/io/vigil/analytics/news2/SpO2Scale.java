package io.vigil.analytics.news2;

/**
 * Which NEWS2 SpO2 scale applies. Scale 2 is for hypercapnic respiratory failure with a prescribed target
 * of 88–92 %, and only a clinician chooses it; every patient starts on scale 1.
 */
public enum SpO2Scale {
    SCALE_1(1),
    SCALE_2(2);

    private final int number;

    SpO2Scale(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    /** The scale numbered 1 or 2. */
    public static SpO2Scale of(int number) {
        return switch (number) {
            case 1 -> SCALE_1;
            case 2 -> SCALE_2;
            default -> throw new IllegalArgumentException("NEWS2 SpO2 scale is 1 or 2, not " + number);
        };
    }
}
