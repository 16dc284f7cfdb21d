package io.vigil.analytics.ecg.rhythm;

import java.util.Arrays;

/**
 * RR-interval irregularity over a window of beats, after Dash, Chon, Lu and Raeder, "Automatic real time detection
 * of atrial fibrillation", Annals of Biomedical Engineering 37(9):1701–1709 (2009): the normalised root mean square
 * of successive differences (RMSSD / mean RR) and the Shannon entropy of the RR histogram (16 equal bins between
 * the shortest and longest interval, divided by log 16 so it lies in 0…1), both computed after dropping the
 * longest and the shortest eighth of the window, so isolated ectopic beats do not look irregular. A
 * regular rhythm, a bigeminy (two RR values) or a sinus arrhythmia (slow drift) is low on at least one of the two;
 * atrial fibrillation is high on both. Heart-rate variability basics (SDNN, RMSSD in seconds) come with it.
 *
 * @param meanRr          mean RR interval in seconds (trimmed window)
 * @param sdnn            standard deviation of the RR intervals in seconds (trimmed window)
 * @param rmssd           root mean square of successive RR differences in seconds (trimmed window)
 * @param normalisedRmssd RMSSD / mean RR
 * @param entropy         normalised Shannon entropy of the RR histogram, 0…1
 * @param dispersion      min over lags 1–3 of RMS(RR[i] − RR[i−lag]) / mean RR (untrimmed): low for patterned ectopy
 */
public record RrIrregularity(double meanRr, double sdnn, double rmssd, double normalisedRmssd, double entropy,
                             double dispersion) {
    private static final int BINS = 16;

    /** Irregularity of {@code rr} (seconds, oldest first); needs at least 16 intervals. */
    public static RrIrregularity of(double[] rr) {
        if (rr.length < 16) {
            throw new IllegalArgumentException("at least 16 RR intervals are needed: " + rr.length);
        }
        int drop = rr.length / 16;
        Integer[] order = new Integer[rr.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(rr[a], rr[b]));
        boolean[] dropped = new boolean[rr.length];
        for (int i = 0; i < drop; i++) {
            dropped[order[i]] = true;
            dropped[order[rr.length - 1 - i]] = true;
        }
        double low = rr[order[drop]];
        double high = rr[order[rr.length - 1 - drop]];
        double[] kept = new double[rr.length];
        int n = 0;
        for (int i = 0; i < rr.length; i++) {
            if (!dropped[i]) {
                kept[n++] = rr[i];
            }
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += kept[i];
        }
        double mean = sum / n;
        double squares = 0;
        double successive = 0;
        for (int i = 0; i < n; i++) {
            squares += (kept[i] - mean) * (kept[i] - mean);
            if (i > 0) {
                successive += (kept[i] - kept[i - 1]) * (kept[i] - kept[i - 1]);
            }
        }
        double sdnn = Math.sqrt(squares / Math.max(1, n - 1));
        double rmssd = Math.sqrt(successive / Math.max(1, n - 1));
        return new RrIrregularity(mean, sdnn, rmssd, rmssd / mean, entropy(kept, n, low, high), dispersion(rr, mean));
    }

    /**
     * How poorly each RR interval is predicted by the one one, two or three beats earlier, at the best of the three
     * lags: min over k of RMS(RR[i] − RR[i−k]) / mean RR, on the whole window (ectopics included). Sinus rhythm is
     * predicted at lag 1, a bigeminy at lag 2 and a trigeminy at lag 3 — all low — while atrial fibrillation is
     * irregularly irregular and stays high at every lag. (A lag-generalised form of the successive-difference
     * measures above; the patterned ectopy it rules out is what drives the false positives of RMSSD and entropy.)
     */
    private static double dispersion(double[] rr, double meanRr) {
        double best = Double.MAX_VALUE;
        for (int lag = 1; lag <= 3; lag++) {
            double sum = 0;
            for (int i = lag; i < rr.length; i++) {
                sum += (rr[i] - rr[i - lag]) * (rr[i] - rr[i - lag]);
            }
            best = Math.min(best, Math.sqrt(sum / (rr.length - lag)));
        }
        return best / meanRr;
    }

    private static double entropy(double[] values, int n, double low, double high) {
        if (high <= low) {
            return 0;
        }
        int[] counts = new int[BINS];
        double width = (high - low) / BINS;
        for (int i = 0; i < n; i++) {
            counts[Math.min(BINS - 1, (int) ((values[i] - low) / width))]++;
        }
        double h = 0;
        for (int c : counts) {
            if (c > 0) {
                double p = (double) c / n;
                h -= p * Math.log(p);
            }
        }
        return h / Math.log(BINS);
    }
}
