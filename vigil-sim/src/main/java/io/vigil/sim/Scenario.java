package io.vigil.sim;

import java.util.Locale;
import java.util.Optional;

/** How a simulated patient's physiology evolves from the scenario's start. */
public enum Scenario {
    /** Healthy adult baselines with circadian drift and noise. */
    STABLE,
    /** Deterioration over about 30 simulated minutes: heart rate, respiratory rate and temperature up,
     * blood pressure and SpO2 down, new confusion late. */
    SEPSIS,
    /** A patient with diabetes whose glucose falls below 54 mg/dL over 90 minutes, then recovers; daily. */
    HYPOGLYCAEMIA,
    /** Fluid retention: weight up about 1 kg a day, SpO2 down, respiratory and heart rate up. */
    HEART_FAILURE,
    /** Chronic hypercapnic lung disease: SpO2 88–92 % on air (NEWS2 scale 2), respiratory rate high-normal. */
    COPD;

    /** The name used on the command line, e.g. {@code heart-failure}. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The scenario by its command-line name, case-insensitive. */
    public static Optional<Scenario> fromCliName(String name) {
        for (Scenario scenario : values()) {
            if (scenario.cliName().equalsIgnoreCase(name)) {
                return Optional.of(scenario);
            }
        }
        return Optional.empty();
    }
}
