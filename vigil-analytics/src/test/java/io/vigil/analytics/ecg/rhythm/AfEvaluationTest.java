package io.vigil.analytics.ecg.rhythm;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.analytics.ecg.MitBihData;
import io.vigil.analytics.ecg.wfdb.WfdbRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Floors on the MIT-BIH records; the full table is `./vigil ecg-eval` (docs/benchmarks.md). */
class AfEvaluationTest {

    @Test
    void compare_countsEpisodesAndDurations() {
        List<long[]> reference = List.of(new long[] {100, 200}, new long[] {500, 600});
        List<long[]> detected = List.of(new long[] {150, 250}, new long[] {800, 900});
        AfEvaluation e = AfEvaluation.compare("x", reference, detected, 1000, 10);
        assertThat(e.detectedEpisodes()).isEqualTo(1);
        assertThat(e.trueDetections()).isEqualTo(1);
        assertThat(e.afSeconds()).isEqualTo(20);
        assertThat(e.afDetectedSeconds()).isEqualTo(5);
        assertThat(e.otherFlaggedSeconds()).isEqualTo(15);
        assertThat(e.durationSpecificity()).isEqualTo(1 - 15 / 80.0);
    }

    @Test
    void afRecords219And221_mostAfTimeIsFlagged() {
        for (String name : List.of("219", "221")) {
            WfdbRecord rec = WfdbRecord.read(MitBihData.folder(), name).orElseThrow();
            AfEvaluation e = AfEvaluation.score(name, rec, 0, RhythmSettings.defaults());
            assertThat(e.referenceEpisodes()).isPositive();
            assertThat(e.durationSensitivity()).as(name).isGreaterThan(0.9);
            assertThat(e.episodeSensitivity()).as(name).isGreaterThan(0.85);
        }
    }

    @Test
    void sinusRecords100And101_noAfFlagged() {
        for (String name : List.of("100", "101", "103")) {
            WfdbRecord rec = WfdbRecord.read(MitBihData.folder(), name).orElseThrow();
            AfEvaluation e = AfEvaluation.score(name, rec, 0, RhythmSettings.defaults());
            assertThat(e.detections()).as(name).isZero();
        }
    }
}
