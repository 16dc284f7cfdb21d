package io.vigil.analytics.ecg;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Ec57EvaluationTest {

    private static final double FS = 360; // match window 150 ms = 54 samples

    @Test
    void score_detectionsWithinWindow_matchOneToOne() {
        long[] ref = {1000, 2000, 3000, 4000};
        long[] det = {1054, 1990, 2010, 3055, 5000};
        BeatScore s = Ec57Evaluation.score("t", ref, det, FS, 0);
        // 1054 matches 1000 (54 = edge); 1990 matches 2000, 2010 is an extra; 3055 is outside; 4000 missed
        assertThat(s).isEqualTo(new BeatScore("t", 2, 2, 3));
        assertThat(s.sensitivity()).isEqualTo(0.5);
        assertThat(s.positivePredictivity()).isEqualTo(0.4);
    }

    @Test
    void score_learningPeriod_isNotScored() {
        long[] ref = {100, 200, 400_000};
        long[] det = {150, 300, 400_010};
        BeatScore s = Ec57Evaluation.score("t", ref, det, FS, Ec57Evaluation.LEARNING_SECONDS);
        assertThat(s).isEqualTo(new BeatScore("t", 1, 0, 0));
    }

    @Test
    void score_nearestDetectionWins() {
        BeatScore s = Ec57Evaluation.score("t", new long[] {1000}, new long[] {960, 1002}, FS, 0);
        assertThat(s).isEqualTo(new BeatScore("t", 1, 0, 1));
    }

    @Test
    void gross_sumsCountsNotPercentages() {
        var scores = java.util.List.of(new BeatScore("a", 90, 10, 0), new BeatScore("b", 10, 0, 10));
        BeatScore g = MitBihEvaluation.gross(scores);
        assertThat(g).isEqualTo(new BeatScore("gross", 100, 10, 10));
        assertThat(g.sensitivity()).isEqualTo(100.0 / 110);
    }
}
