package io.vigil.sim;

import java.time.Duration;

/**
 * The kinds of device the simulator plays, each with the measurements it reports and how often.
 * Periods are in simulated time; continuous monitors use the simulator's interval instead.
 */
public enum DeviceKind {
    /** Ward monitor: heart rate, respiratory rate and SpO2 every interval; temperature, blood pressure,
     * consciousness and oxygen every few minutes. */
    BEDSIDE_MONITOR("bedside-monitor", "VS-900", null),
    /** Finger pulse oximeter worn continuously: SpO2 and pulse rate every interval. */
    PULSE_OXIMETER("pulse-oximeter", "PO-30", null),
    /** Home blood-pressure cuff: blood pressure and pulse rate. */
    BP_CUFF("blood-pressure-monitor", "BPM-7", Duration.ofMinutes(30)),
    /** Ear or oral thermometer, some reporting in degrees Fahrenheit. */
    THERMOMETER("thermometer", "TH-2", Duration.ofHours(1)),
    /** Bathroom scale, weighed once a day, some reporting in pounds. */
    SCALE("weighing-scale", "WS-150", Duration.ofDays(1)),
    /** Capillary blood glucose meter, some reporting in mmol/L. */
    GLUCOMETER("glucometer", "GM-5", Duration.ofHours(6)),
    /** Continuous glucose monitor: interstitial glucose every 5 minutes. */
    CGM("cgm", "CGM-14", Duration.ofMinutes(5));

    /** How often a bedside monitor adds its spot vitals (temperature, blood pressure, consciousness, oxygen). */
    static final Duration SPOT_VITALS_PERIOD = Duration.ofMinutes(5);

    private final String deviceType;
    private final String model;
    private final Duration period;

    DeviceKind(String deviceType, String model, Duration period) {
        this.deviceType = deviceType;
        this.model = model;
        this.period = period;
    }

    /** The device type registered with Vigil, e.g. {@code blood-pressure-monitor}. */
    public String deviceType() {
        return deviceType;
    }

    /** The simulated model name. */
    public String model() {
        return model;
    }

    /** Whether the device reports every interval rather than on its own schedule. */
    public boolean continuous() {
        return period == null;
    }

    /** Simulated time between two reports, given the interval of continuous monitors. */
    public Duration period(Duration interval) {
        return period == null ? interval : period;
    }
}
