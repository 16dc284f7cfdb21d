package io.vigil.sim.ecg;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.analytics.ecg.rhythm.RhythmAnalysis;
import io.vigil.analytics.ecg.rhythm.RhythmCondition;
import io.vigil.analytics.ecg.rhythm.RhythmEvent;
import io.vigil.analytics.ecg.rhythm.RhythmSettings;
import io.vigil.codec.waveform.WaveformFrame;
import io.vigil.codec.waveform.WaveformSignal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Each simulated rhythm is what Vigil's own analysis sees in it, after 20 s of sinus rhythm. */
class SyntheticEcgTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"sinus,", "brady,BRADYCARDIA", "tachy,TACHYCARDIA", "af,ATRIAL_FIBRILLATION", "asystole,ASYSTOLE",
            "noise,NOISE", "leads-off,LEADS_OFF"})
    void rhythm_isRecognisedByTheAnalysis(String name, RhythmCondition expected) {
        EcgRhythm rhythm = EcgRhythm.ofCliName(name).orElseThrow();
        SyntheticEcg ecg = new SyntheticEcg(250, 200, 0, EcgRhythm.SINUS, 0, 4);
        List<RhythmEvent> events = new ArrayList<>();
        RhythmAnalysis analysis = new RhythmAnalysis(250, 200, RhythmSettings.defaults(), events::add);
        analysis.accept(ecg.next(250 * 20), false);
        ecg.change(rhythm, 0);
        analysis.accept(ecg.next(250 * 100), ecg.leadsOff());
        List<RhythmCondition> raised = events.stream()
                .filter(e -> e instanceof RhythmEvent.Condition c && c.change() == RhythmEvent.Change.RAISED)
                .map(e -> ((RhythmEvent.Condition) e).condition()).toList();
        assertThat(raised).isEqualTo(expected == null ? List.of() : List.of(expected));
    }

    @Test
    void sinus_ratesFollowTheChosenRate() {
        SyntheticEcg ecg = new SyntheticEcg(360, 200, 1024, EcgRhythm.SINUS, 90, 1);
        List<Double> rates = new ArrayList<>();
        RhythmAnalysis analysis = new RhythmAnalysis(360, 200, RhythmSettings.defaults(), e -> {
            if (e instanceof RhythmEvent.HeartRate hr) {
                rates.add(hr.bpm());
            }
        });
        analysis.accept(ecg.next(360 * 61), false);
        assertThat(rates).hasSize(6).allSatisfy(r -> assertThat(r).isBetween(87.0, 93.0));
    }

    @Test
    void frames_areConsecutiveAndNumbered() {
        SyntheticEcg ecg = new SyntheticEcg(250, 200, 0, EcgRhythm.LEADS_OFF, 0, 1);
        Instant origin = Instant.parse("2026-11-25T10:00:00Z");
        EcgFrames frames = new EcgFrames(new EcgSource.Synthetic(ecg, 250, 200, 0), WaveformSignal.ECG_II, origin,
                Duration.ofMillis(500));
        WaveformFrame first = frames.next().orElseThrow();
        WaveformFrame second = frames.next().orElseThrow();
        assertThat(first.sequence()).isZero();
        assertThat(second.sequence()).isOne();
        assertThat(first.samples()).hasSize(125);
        assertThat(second.start()).isEqualTo(first.end()).isEqualTo(origin.plusMillis(500));
        assertThat(first.leadsOff()).isTrue();
    }

    @Test
    void command_withoutDevice_isAUsageError() {
        var out = new java.io.ByteArrayOutputStream();
        int code = EcgSimulateCommand.run(new String[] {"--ecg", "sinus"}, new java.io.PrintStream(out), java.util.Map.of(),
                java.time.Clock.systemUTC());
        assertThat(code).isEqualTo(2);
        assertThat(out.toString()).contains("--device");
        assertThat(EcgSimulateCommand.run(new String[] {"--ecg", "/no/such/record", "--device", "d", "--secret", "s"},
                new java.io.PrintStream(out), java.util.Map.of(), java.time.Clock.systemUTC())).isEqualTo(2);
    }
}
