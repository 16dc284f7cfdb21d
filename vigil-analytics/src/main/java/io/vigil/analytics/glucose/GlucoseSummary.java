package io.vigil.analytics.glucose;

import java.time.Instant;

/**
 * The consensus CGM metrics over a window [from, to) (Battelino et al., Diabetes Care 2019). Percentages are
 * 0–100 and not rounded; the five time-in-range shares are shares of readings and add up to 100.
 * With no readings the glucose statistics are null; the CV is null with fewer than two readings.
 *
 * @param readings            readings in the window (distinct times)
 * @param daysWorn            calendar days (in the calculator's zone) with at least one reading
 * @param sensorActivePercent readings × expected interval ÷ window length, at most 100
 * @param sufficientData      the consensus minimum: a window of 14 days or more with the sensor active ≥ 70 %
 * @param meanGlucose         mg/dL
 * @param gmi                 glucose management indicator, % = 3.31 + 0.02392 × mean (Bergenstal et al. 2018)
 * @param cv                  coefficient of variation, % = sample SD ÷ mean × 100
 */
public record GlucoseSummary(Instant from, Instant to, int readings, int daysWorn, double sensorActivePercent,
                             boolean sufficientData, Double meanGlucose, Double gmi, Double cv,
                             Double timeVeryLow, Double timeLow, Double timeInRange, Double timeHigh,
                             Double timeVeryHigh) {}
