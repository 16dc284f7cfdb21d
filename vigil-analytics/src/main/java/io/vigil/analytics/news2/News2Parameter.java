package io.vigil.analytics.news2;

/**
 * The seven NEWS2 physiological parameters (RCP 2017, Chart 1), with the keys the API uses for them.
 * Air or oxygen is read from {@code supplemental-oxygen} (L/min) or {@code inspired-oxygen} (%).
 */
public enum News2Parameter {
    RESPIRATION_RATE("respiratory-rate"),
    OXYGEN_SATURATION("spo2"),
    AIR_OR_OXYGEN("air-or-oxygen"),
    SYSTOLIC_BP("systolic-bp"),
    PULSE("heart-rate"),
    CONSCIOUSNESS("consciousness"),
    TEMPERATURE("body-temperature");

    private final String key;

    News2Parameter(String key) {
        this.key = key;
    }

    /** The key in API output, the measurement alias where there is one. */
    public String key() {
        return key;
    }
}
