package io.vigil.analytics.nodata;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * How often each type of device is expected to send while it is assigned to a patient: a device silent for
 * longer raises {@code no-data-<device>}. Types not listed (spot-check devices: cuffs, thermometers, scales,
 * glucometers) are not watched.
 */
public record ExpectedReadings(Map<String, Duration> intervals) {

    public ExpectedReadings {
        intervals = Map.copyOf(intervals);
        intervals.values().forEach(d -> {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("an expected reading interval is positive");
            }
        });
    }

    /**
     * Bedside monitors ({@code vital-signs-monitor}, the type the demo ward and the simulator register) and pulse
     * oximeters every 5 minutes; CGMs ({@code continuous-glucose-monitor}) every 15, three missed 5-minute readings.
     */
    public static ExpectedReadings defaults() {
        return new ExpectedReadings(Map.of("vital-signs-monitor", Duration.ofMinutes(5),
                "pulse-oximeter", Duration.ofMinutes(5), "continuous-glucose-monitor", Duration.ofMinutes(15)));
    }

    public Optional<Duration> interval(String deviceType) {
        return Optional.ofNullable(intervals.get(deviceType));
    }
}
