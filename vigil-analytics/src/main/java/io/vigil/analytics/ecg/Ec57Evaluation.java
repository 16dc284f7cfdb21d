package io.vigil.analytics.ecg;

/**
 * Beat-by-beat comparison of detections with reference beat annotations, as ANSI/AAMI EC57 (PhysioNet
 * {@code bxb}) does it: a detection matches a reference beat when it lies within 150 ms of it, each
 * detection matches at most one beat, and everything before the end of the learning period (the first
 * 5 minutes, which EC57 allows a detector to use for learning) is not scored.
 */
public final class Ec57Evaluation {

    /** EC57 match window: 150 ms either side of the reference beat. */
    public static final double MATCH_WINDOW_SECONDS = 0.150;
    /** EC57 learning period excluded from scoring. */
    public static final double LEARNING_SECONDS = 300;

    private Ec57Evaluation() {
    }

    /**
     * Scores detections against reference beats (both sorted sample indices) of a record sampled at
     * {@code sampleRate}, skipping the first {@code learningSeconds}.
     */
    public static BeatScore score(String record, long[] reference, long[] detected, double sampleRate,
                                  double learningSeconds) {
        long window = Math.round(MATCH_WINDOW_SECONDS * sampleRate);
        long start = Math.round(learningSeconds * sampleRate);
        long tp = 0;
        long fn = 0;
        long fp = 0;
        int d = 0;
        for (long ref : reference) {
            // detections well before this beat match nothing: false positives once scoring has begun
            while (d < detected.length && detected[d] < ref - window) {
                if (detected[d] >= start) {
                    fp++;
                }
                d++;
            }
            if (ref < start) {
                if (d < detected.length && Math.abs(detected[d] - ref) <= window) {
                    d++; // consumed by an unscored beat
                }
                continue;
            }
            int best = closest(detected, d, ref, window);
            if (best < 0) {
                fn++;
            } else {
                fp += best - d; // skipped detections in the window closer to no beat
                tp++;
                d = best + 1;
            }
        }
        for (; d < detected.length; d++) {
            if (detected[d] >= start) {
                fp++;
            }
        }
        return new BeatScore(record, tp, fn, fp);
    }

    /** Index of the detection nearest to {@code ref} within the window, from {@code d} on, or -1. */
    private static int closest(long[] detected, int d, long ref, long window) {
        int best = -1;
        long bestDistance = Long.MAX_VALUE;
        for (int i = d; i < detected.length && detected[i] <= ref + window; i++) {
            long distance = Math.abs(detected[i] - ref);
            if (distance < bestDistance) {
                best = i;
                bestDistance = distance;
            }
        }
        return best;
    }
}
