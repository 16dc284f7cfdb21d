package io.vigil.analytics.ecg.rhythm;

/**
 * Thresholds of the rhythm analysis. Defaults: {@link #defaults()}.
 *
 * @param asystoleSeconds      no beat for this long raises asystole
 * @param bradycardiaBelow     rate (/min) under which bradycardia is raised; cleared 5 /min above it
 * @param tachycardiaAbove     rate (/min) over which tachycardia is raised; cleared 5 /min below it
 * @param heartRateEverySeconds how often a heart rate is reported (the mean rate of the beats in that period)
 * @param afWindowBeats        RR intervals judged together for atrial fibrillation
 * @param afMinRmssd           normalised RMSSD (RMSSD / mean RR) above which RR is irregular
 * @param afMinEntropy         normalised Shannon entropy of the RR histogram above which RR is irregular
 * @param afMinDispersion      lag 1–3 unpredictability (see {@link RrIrregularity#dispersion()}) above which RR is irregular
 * @param noiseRatio           high-frequency to signal ratio above which a second counts as noisy
 */
public record RhythmSettings(double asystoleSeconds, double bradycardiaBelow, double tachycardiaAbove,
                             double heartRateEverySeconds, int afWindowBeats, double afMinRmssd, double afMinEntropy, double afMinDispersion,
                             double noiseRatio) {

    public RhythmSettings {
        if (!(asystoleSeconds >= 1 && bradycardiaBelow > 0 && tachycardiaAbove > bradycardiaBelow
                && heartRateEverySeconds >= 1 && afWindowBeats >= 16 && afMinRmssd > 0 && afMinEntropy > 0 && afMinDispersion > 0
                && noiseRatio > 0)) {
            throw new IllegalArgumentException("invalid rhythm settings: " + this);
        }
    }

    /**
     * Asystole after 4 s; bradycardia under 40 /min, tachycardia over 150 /min (common adult monitor defaults);
     * a rate every 10 s; AF over 64 beats at nRMSSD &gt; 0.1, entropy &gt; 0.55 and lag-1–3 unpredictability &gt; 0.16; noise over a ratio of 0.15 (docs/clinical.md, "ECG rhythm").
     */
    public static RhythmSettings defaults() {
        return new RhythmSettings(4, 40, 150, 10, 64, 0.1, 0.55, 0.16, 0.15);
    }
}
