package io.vigil.server.waveform;

import io.vigil.analytics.ecg.rhythm.RhythmSettings;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Waveform storage and rhythm analysis (prefix {@code vigil.waveform}); every key is in docs/configuration.md.
 *
 * @param retention        how long stored waveform frames are kept (apart from the vitals, which stay)
 * @param purgeEvery       how often frames past their retention are deleted
 * @param maxFrame         longest frame accepted (a window read looks this far back for a frame that reaches in)
 * @param maxWindow        longest window one read may ask for
 * @param analysis         whether ECG frames go through the rhythm analysis (heart rate, rhythm alerts)
 * @param asystole         no beat for this long raises asystole
 * @param bradycardiaBelow heart rate (/min) under which bradycardia is raised
 * @param tachycardiaAbove heart rate (/min) over which tachycardia is raised
 * @param heartRateEvery   how often the heart rate derived from the ECG is stored as an observation
 */
@ConfigurationProperties("vigil.waveform")
public record WaveformProperties(
        @DefaultValue("7d") Duration retention,
        @DefaultValue("1h") Duration purgeEvery,
        @DefaultValue("60s") Duration maxFrame,
        @DefaultValue("5m") Duration maxWindow,
        @DefaultValue("true") boolean analysis,
        @DefaultValue("4s") Duration asystole,
        @DefaultValue("40") double bradycardiaBelow,
        @DefaultValue("150") double tachycardiaAbove,
        @DefaultValue("10s") Duration heartRateEvery) {

    public WaveformProperties {
        if (retention.isNegative() || retention.isZero() || maxFrame.isNegative() || maxFrame.isZero()
                || maxWindow.isNegative() || maxWindow.isZero() || purgeEvery.isNegative() || purgeEvery.isZero()) {
            throw new IllegalArgumentException("vigil.waveform: retention, purge-every, max-frame and max-window must be positive");
        }
        rhythm(asystole, bradycardiaBelow, tachycardiaAbove, heartRateEvery); // validates
    }

    /** The rhythm analysis thresholds: these settings over the analysis defaults. */
    public RhythmSettings rhythm() {
        return rhythm(asystole, bradycardiaBelow, tachycardiaAbove, heartRateEvery);
    }

    private static RhythmSettings rhythm(Duration asystole, double below, double above, Duration every) {
        RhythmSettings d = RhythmSettings.defaults();
        return new RhythmSettings(asystole.toMillis() / 1000.0, below, above, every.toMillis() / 1000.0,
                d.afWindowBeats(), d.afMinRmssd(), d.afMinEntropy(), d.afMinDispersion(), d.noiseRatio());
    }
}
