package io.vigil.analytics.news2;

/** The NEWS2 clinical risk bands (RCP 2017, Chart 2 and Table 2). */
public enum News2Band {
    /** Aggregate 0–4 with no parameter scoring 3. */
    LOW("low"),
    /** Aggregate 0–4 with a 3 in a single parameter. */
    LOW_MEDIUM("low-medium"),
    /** Aggregate 5–6. */
    MEDIUM("medium"),
    /** Aggregate 7 or more. */
    HIGH("high");

    private final String code;

    News2Band(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** The band for an aggregate score; 5 or more outranks a single 3. */
    public static News2Band of(int total, boolean singleParameterThree) {
        if (total >= 7) return HIGH;
        if (total >= 5) return MEDIUM;
        return singleParameterThree ? LOW_MEDIUM : LOW;
    }
}
