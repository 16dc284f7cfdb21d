package io.vigil.analytics.ecg;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The detector on every MIT-BIH record in the data folder, scored the EC57 way; prints the per-record table
 * so the figures are in the build log. Skipped when the records are absent.
 */
class MitBihEvaluationTest {

    @Test
    void detector_onMitBih_reachesPanTompkinsAccuracy() throws IOException {
        List<BeatScore> scores = MitBihEvaluation.evaluate(MitBihData.folder());
        System.out.println("QRS detection on MIT-BIH, EC57 beat-by-beat (150 ms window, first 5 min not scored):");
        MitBihEvaluation.print(scores, System.out);
        BeatScore gross = MitBihEvaluation.gross(scores);
        assertThat(scores).hasSizeGreaterThanOrEqualTo(25);
        assertThat(gross.sensitivity()).isGreaterThanOrEqualTo(0.995);
        assertThat(gross.positivePredictivity()).isGreaterThanOrEqualTo(0.995);
        assertThat(scores).allSatisfy(s -> assertThat(s.sensitivity()).as(s.record()).isGreaterThanOrEqualTo(0.95));
    }
}
