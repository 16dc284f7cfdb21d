package io.vigil.analytics.technical;

import io.vigil.model.PlausibleRange;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What the technical conditions watch for (IEC 60601-1-8 technical alarm conditions: the equipment or its
 * data, not the patient).
 *
 * @param implausible           per measurement alias, the range outside which a stored reading is treated as an
 *                              artefact (a technical condition), not as physiology; measurements not listed are
 *                              not checked
 * @param minPulseAmplitudeIndex a pulse oximeter's pulse amplitude (perfusion) index below this, in %, is low
 *                              signal quality
 * @param minCgmQuality         a CGM reading's reported quality below this, in %, is low signal quality
 * @param maxClockOffset        a device clock further off than this (either way) raises {@code clock-off-<device>}
 * @param clockLagReadings      how many consecutive readings must arrive later than {@code maxClockOffset} after
 *                              their device time before that counts as a clock behind (a single late delivery
 *                              does not)
 */
public record TechnicalRules(Map<String, PlausibleRange> implausible, double minPulseAmplitudeIndex,
                             double minCgmQuality, Duration maxClockOffset, int clockLagReadings) {

    public TechnicalRules {
        implausible = Map.copyOf(implausible);
        Objects.requireNonNull(maxClockOffset, "maxClockOffset");
        if (maxClockOffset.isNegative() || maxClockOffset.isZero() || clockLagReadings < 1) {
            throw new IllegalArgumentException("the clock offset bound is positive, the lag count at least 1");
        }
    }

    /**
     * Defaults (this project's choices, documented in docs/clinical.md): the span where monitors are specified to
     * measure (heart rate 30–250 /min, IEC 60601-2-27's minimum adult range reaches 30–200; SpO2 70–100 %, where
     * ISO 80601-2-61 asks oximeters to state accuracy; CGM 40–400 mg/dL, the reporting range of common sensors),
     * respiratory rate 4–60 /min, body temperature 32–43 °C, systolic 50–260 and diastolic 20–180 mmHg;
     * pulse amplitude index 0.3 %, CGM quality 50 %, device clock off by more than 5 minutes (behind: in 3
     * consecutive readings).
     */
    public static TechnicalRules defaults() {
        return new TechnicalRules(Map.of(
                "heart-rate", new PlausibleRange(30, 250),
                "respiratory-rate", new PlausibleRange(4, 60),
                "spo2", new PlausibleRange(70, 100),
                "body-temperature", new PlausibleRange(32, 43),
                "systolic-bp", new PlausibleRange(50, 260),
                "diastolic-bp", new PlausibleRange(20, 180),
                "cgm-glucose", new PlausibleRange(40, 400)),
                0.3, 50, Duration.ofMinutes(5), 3);
    }
}
