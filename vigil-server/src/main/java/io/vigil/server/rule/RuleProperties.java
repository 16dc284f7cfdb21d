package io.vigil.server.rule;

import io.vigil.analytics.glucose.PredictedLow;
import io.vigil.analytics.nodata.ExpectedReadings;
import io.vigil.analytics.technical.TechnicalRules;
import io.vigil.analytics.trend.TrendRules;
import io.vigil.analytics.watch.WatchRules;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The rule sources' settings (prefix {@code vigil.rules}), defaults in one place; docs/clinical.md gives the
 * source of each default. Limits are not here: the adult defaults are fixed, and clinicians override them per
 * patient.
 *
 * @param weightGainDayKg          {@code weight-gain-1d}: more than this many kg in {@code weightGainDayWindow}
 * @param weightGainThreeDayKg     {@code weight-gain-3d}: more than this many kg in {@code weightGainThreeDayWindow}
 * @param respiratoryRateRisePerHour {@code respiratory-rate-rising}: slope in /min per hour
 * @param spo2FallPerHour          {@code spo2-falling}: fall in % per hour (a positive number)
 * @param slopeWindow              window of both slope rules
 * @param predictedLowThreshold    {@code glucose-predicted-low}: forecast below this, mg/dL
 * @param predictedLowHorizon      how far ahead the forecast looks
 * @param predictedLowFitWindow    how much recent CGM data the line is fitted to
 * @param predictedLowConfirmations how many consecutive forecasts must be low before it raises
 * @param noData                   expected interval per device type (default vital-signs-monitor and pulse-oximeter
 *                                 5m, continuous-glucose-monitor 15m); a type not listed is not watched
 * @param noDataCheckEvery         how often the no-data check runs
 * @param clockOffsetMax           a device clock off by more than this raises {@code clock-off-<device>}
 * @param clockLagReadings         consecutive readings delivered later than that before a clock counts as behind
 * @param minPulseAmplitudeIndex   pulse amplitude index (%) below which an SpO2 reading has low signal quality
 * @param minCgmQuality            CGM quality (%) below which a CGM reading has low signal quality
 * @param oxygenFreshness          how long an "on oxygen" reading counts for {@code spo2-high-on-oxygen}
 */
@ConfigurationProperties("vigil.rules")
public record RuleProperties(
        @DefaultValue("1.0") double weightGainDayKg,
        @DefaultValue("26h") Duration weightGainDayWindow,
        @DefaultValue("2.0") double weightGainThreeDayKg,
        @DefaultValue("74h") Duration weightGainThreeDayWindow,
        @DefaultValue("4") double respiratoryRateRisePerHour,
        @DefaultValue("3") double spo2FallPerHour,
        @DefaultValue("1h") Duration slopeWindow,
        @DefaultValue("70") double predictedLowThreshold,
        @DefaultValue("30m") Duration predictedLowHorizon,
        @DefaultValue("30m") Duration predictedLowFitWindow,
        @DefaultValue("2") int predictedLowConfirmations,
        Map<String, Duration> noData,
        @DefaultValue("30s") Duration noDataCheckEvery,
        @DefaultValue("5m") Duration clockOffsetMax,
        @DefaultValue("3") int clockLagReadings,
        @DefaultValue("0.3") double minPulseAmplitudeIndex,
        @DefaultValue("50") double minCgmQuality,
        @DefaultValue("4h") Duration oxygenFreshness) {

    public RuleProperties {
        if (!(weightGainDayKg > 0) || !(weightGainThreeDayKg > 0) || !(respiratoryRateRisePerHour > 0)
                || !(spo2FallPerHour > 0) || !(predictedLowThreshold > 0)) {
            throw new IllegalArgumentException("vigil.rules: weight gains, slopes and the predicted-low threshold are positive");
        }
        noData = noData == null ? ExpectedReadings.defaults().intervals() : Map.copyOf(noData);
    }

    /** The per-reading rules every patient is watched with. */
    public WatchRules watchRules() {
        TechnicalRules technicalDefaults = TechnicalRules.defaults();
        TechnicalRules technical = new TechnicalRules(technicalDefaults.implausible(), minPulseAmplitudeIndex,
                minCgmQuality, clockOffsetMax, clockLagReadings);
        TrendRules trends = TrendRules.of(weightGainDayKg, weightGainDayWindow, weightGainThreeDayKg,
                weightGainThreeDayWindow, respiratoryRateRisePerHour, spo2FallPerHour, slopeWindow);
        PredictedLow defaults = PredictedLow.defaults();
        PredictedLow predictedLow = new PredictedLow(predictedLowThreshold, defaults.clearMargin(), predictedLowFitWindow,
                predictedLowHorizon, defaults.minReadings(), predictedLowConfirmations, defaults.priority());
        return new WatchRules(technical, trends, predictedLow, oxygenFreshness);
    }

    public ExpectedReadings expectedReadings() {
        return new ExpectedReadings(noData);
    }
}
