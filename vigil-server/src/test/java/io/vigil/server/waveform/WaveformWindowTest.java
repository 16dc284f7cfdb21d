package io.vigil.server.waveform;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.codec.waveform.WaveformSignal;
import io.vigil.sim.ecg.EcgRhythm;
import io.vigil.sim.ecg.SyntheticEcg;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WaveformWindowTest {
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    /** Consecutive 1 s frames of a 60 /min synthetic ECG at 250 Hz, from T0 + first s. */
    private static List<StoredChunk> frames(int first, int count, SyntheticEcg ecg) {
        return java.util.stream.IntStream.range(first, first + count).mapToObj(i -> new StoredChunk(i, "d", "p",
                WaveformSignal.ECG_II, i, T0.plusSeconds(i), 250, "mV", 200, 0, false, ecg.next(250))).toList();
    }

    @Test
    void of_joinsContinuousFrames_cutsToTheWindow_andFindsBeatsAfterPreRoll() {
        SyntheticEcg ecg = new SyntheticEcg(250, 200, 0, EcgRhythm.SINUS, 60, 1);
        WaveformWindow w = WaveformWindow.of("ecg-ii", T0.plusMillis(12_500), T0.plusMillis(22_500), frames(0, 30, ecg),
                List.of(), true);
        assertThat(w.segments()).hasSize(1);
        assertThat(w.segments().getFirst().start()).isEqualTo(T0.plusMillis(12_500));
        assertThat(w.segments().getFirst().samples()).hasSize(2500);
        assertThat(w.beats()).hasSize(10);
        assertThat(w.beats()).allSatisfy(b -> assertThat(b.time()).isBetween(T0.plusMillis(12_500), T0.plusMillis(22_500)));
        assertThat(w.beats().get(5).heartRate()).isBetween(55.0, 65.0);
        assertThat(w.variability()).as("10 beats: too few for HRV").isNull();
    }

    @Test
    void of_aMinuteOfBeats_hasVariability() {
        SyntheticEcg ecg = new SyntheticEcg(250, 200, 0, EcgRhythm.SINUS, 60, 1);
        WaveformWindow w = WaveformWindow.of("ecg-ii", T0.plusSeconds(10), T0.plusSeconds(70), frames(0, 75, ecg),
                List.of(), true);
        assertThat(w.variability().intervals()).isBetween(58, 60);
        assertThat(w.variability().meanRrMs()).isBetween(980.0, 1020.0);
        // the simulator's RR varies by 2 % (σ): SDNN ≈ 20 ms, RMSSD ≈ √2 × 20 ms, less the trimmed extremes
        assertThat(w.variability().sdnnMs()).isBetween(8.0, 30.0);
        assertThat(w.variability().rmssdMs()).isBetween(8.0, 45.0);
    }

    @Test
    void of_splitsAtAGap() {
        SyntheticEcg ecg = new SyntheticEcg(250, 200, 0, EcgRhythm.SINUS, 60, 1);
        List<StoredChunk> chunks = new java.util.ArrayList<>(frames(0, 5, ecg));
        ecg.next(500);
        chunks.addAll(frames(7, 3, ecg));
        WaveformWindow w = WaveformWindow.of("ecg-ii", T0, T0.plusSeconds(10), chunks, List.of(), false);
        assertThat(w.segments()).extracting(s -> s.samples().length).containsExactly(1250, 750);
        assertThat(w.segments().get(1).start()).isEqualTo(T0.plusSeconds(7));
        assertThat(w.beats()).isEmpty();
    }
}
