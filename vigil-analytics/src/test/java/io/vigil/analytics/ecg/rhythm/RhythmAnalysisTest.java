package io.vigil.analytics.ecg.rhythm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vigil.analytics.ecg.rhythm.RhythmEvent.Change;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RhythmAnalysisTest {
    private static final double RATE = SyntheticEcg.RATE;

    private final List<RhythmEvent> events = new ArrayList<>();
    private final RhythmAnalysis analysis = new RhythmAnalysis(RATE, SyntheticEcg.GAIN, RhythmSettings.defaults(), events::add);

    @Test
    void regularSinus_reportsItsRateEveryTenSecondsAndNoCondition() {
        analysis.accept(SyntheticEcg.regular(75, 120), false);
        List<RhythmEvent.HeartRate> rates = rates();
        assertThat(rates).hasSizeBetween(11, 12);
        assertThat(rates).allSatisfy(r -> assertThat(r.bpm()).isCloseTo(75, within(1.5)));
        assertThat(rates.get(1).sample()).isEqualTo(Math.round(20 * RATE));
        assertThat(conditions()).isEmpty();
        assertThat(events.stream().filter(e -> e instanceof RhythmEvent.BeatDetected).count()).isBetween(148L, 151L);
    }

    @Test
    void flatLineAfterBeats_raisesAsystoleAfterFourSecondsAndClearsOnTheNextBeat() {
        int[] beating = SyntheticEcg.regular(60, 30);
        int[] flat = new int[(int) (8 * RATE)];
        java.util.Arrays.fill(flat, 1024);
        analysis.accept(beating, false);
        analysis.accept(flat, false);
        RhythmEvent.Condition raised = only(RhythmCondition.ASYSTOLE, Change.RAISED);
        long lastBeat = beats().getLast().sample();
        assertThat(raised.sample() - lastBeat).isEqualTo(Math.round(4 * RATE) + 1);
        assertThat(raised.value()).isGreaterThan(4);
        analysis.accept(SyntheticEcg.regular(60, 10), false);
        assertThat(conditions()).extracting(RhythmEvent.Condition::change).contains(Change.CLEARED);
    }

    @Test
    void slowRate_raisesBradycardia_fastRate_tachycardia() {
        analysis.accept(SyntheticEcg.regular(35, 60), false);
        assertThat(only(RhythmCondition.BRADYCARDIA, Change.RAISED).value()).isCloseTo(35, within(1.5));
        events.clear();
        RhythmAnalysis fast = new RhythmAnalysis(RATE, SyntheticEcg.GAIN, RhythmSettings.defaults(), events::add);
        fast.accept(SyntheticEcg.regular(170, 60), false);
        assertThat(only(RhythmCondition.TACHYCARDIA, Change.RAISED).value()).isCloseTo(170, within(3.0));
        assertThat(conditions()).noneMatch(c -> c.condition() == RhythmCondition.BRADYCARDIA);
    }

    @Test
    void irregularlyIrregularRr_raisesAtrialFibrillation() {
        analysis.accept(SyntheticEcg.beats(SyntheticEcg.irregular(400, 3), 180, 180, 0.01, 2), false);
        assertThat(only(RhythmCondition.ATRIAL_FIBRILLATION, Change.RAISED).sample()).isLessThan(Math.round(90 * RATE));
    }

    @Test
    void bigeminy_isNotAtrialFibrillation() {
        analysis.accept(SyntheticEcg.beats(new double[] {0.55, 1.05}, 180, 180, 0.01, 2), false);
        assertThat(conditions()).noneMatch(c -> c.condition() == RhythmCondition.ATRIAL_FIBRILLATION);
    }

    @Test
    void leadsOff_isTechnicalAndSuppressesAsystole() {
        analysis.accept(SyntheticEcg.regular(70, 20), false);
        analysis.accept(new int[(int) (10 * RATE)], true);
        assertThat(only(RhythmCondition.LEADS_OFF, Change.RAISED).sample()).isEqualTo(Math.round(20 * RATE));
        assertThat(RhythmCondition.LEADS_OFF.rule().category().code()).isEqualTo("technical");
        analysis.accept(SyntheticEcg.regular(70, 20), false);
        only(RhythmCondition.LEADS_OFF, Change.CLEARED);
        assertThat(conditions()).noneMatch(c -> c.condition() == RhythmCondition.ASYSTOLE);
    }

    @Test
    void heavyNoise_raisesNoiseAndNoPhysiologicalCondition() {
        analysis.accept(SyntheticEcg.regular(70, 20), false);
        analysis.accept(SyntheticEcg.beats(new double[] {60 / 70.0}, 30, 0, 0.5, 9), false);
        RhythmEvent.Condition noise = only(RhythmCondition.NOISE, Change.RAISED);
        assertThat(noise.sample()).isBetween(Math.round(22 * RATE), Math.round(24 * RATE));
        assertThat(conditions()).allMatch(c -> c.condition().rule().category().code().equals("technical"));
    }

    private List<RhythmEvent.HeartRate> rates() {
        return events.stream().filter(e -> e instanceof RhythmEvent.HeartRate).map(e -> (RhythmEvent.HeartRate) e).toList();
    }

    private List<io.vigil.analytics.ecg.Beat> beats() {
        return events.stream().filter(e -> e instanceof RhythmEvent.BeatDetected)
                .map(e -> ((RhythmEvent.BeatDetected) e).beat()).toList();
    }

    private List<RhythmEvent.Condition> conditions() {
        return events.stream().filter(e -> e instanceof RhythmEvent.Condition).map(e -> (RhythmEvent.Condition) e).toList();
    }

    private RhythmEvent.Condition only(RhythmCondition condition, Change change) {
        List<RhythmEvent.Condition> found = conditions().stream()
                .filter(c -> c.condition() == condition && c.change() == change).toList();
        assertThat(found).as("%s %s in %s", condition, change, conditions()).hasSize(1);
        return found.getFirst();
    }
}
