package io.vigil.analytics.ecg;

/**
 * Beat-by-beat detection counts for one record (or summed over records: the gross figures).
 *
 * @param truePositives  reference beats matched by a detection
 * @param falseNegatives reference beats with no detection within the match window
 * @param falsePositives detections matching no reference beat
 */
public record BeatScore(String record, long truePositives, long falseNegatives, long falsePositives) {

    /** Se = TP / (TP + FN); 1 when there are no reference beats. */
    public double sensitivity() {
        long d = truePositives + falseNegatives;
        return d == 0 ? 1 : (double) truePositives / d;
    }

    /** +P = TP / (TP + FP); 1 when there are no detections. */
    public double positivePredictivity() {
        long d = truePositives + falsePositives;
        return d == 0 ? 1 : (double) truePositives / d;
    }

    public BeatScore plus(BeatScore other, String name) {
        return new BeatScore(name, truePositives + other.truePositives, falseNegatives + other.falseNegatives,
                falsePositives + other.falsePositives);
    }
}
