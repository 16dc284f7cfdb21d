package io.vigil.analytics.watch;

import io.vigil.analytics.glucose.PredictedLow;
import io.vigil.analytics.technical.TechnicalRules;
import io.vigil.analytics.trend.TrendRules;
import java.time.Duration;
import java.util.Objects;

/**
 * The rules every patient is watched with, besides their limits (defaults per NEWS2 SpO2 scale, plus their own
 * overrides).
 *
 * @param oxygenFreshness how old the newest air-or-oxygen reading may be and still say "on oxygen" for
 *                        {@code spo2-high-on-oxygen}
 */
public record WatchRules(TechnicalRules technical, TrendRules trends, PredictedLow predictedLow,
                         Duration oxygenFreshness) {
    public WatchRules {
        Objects.requireNonNull(technical, "technical");
        Objects.requireNonNull(trends, "trends");
        Objects.requireNonNull(predictedLow, "predictedLow");
        Objects.requireNonNull(oxygenFreshness, "oxygenFreshness");
    }

    /** Every default; the oxygen reading counts for 4 hours. */
    public static WatchRules defaults() {
        return new WatchRules(TechnicalRules.defaults(), TrendRules.defaults(), PredictedLow.defaults(),
                Duration.ofHours(4));
    }
}
