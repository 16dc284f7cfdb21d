package io.vigil.analytics.ecg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class QrsDetectorTest {

    /**
     * A synthetic ECG in ADC units (200 per mV): per beat a 1 mV QRS (Gaussian, σ = 12 ms) and a 0.3 mV
     * T wave (σ = 40 ms) 250 ms later, on a slow baseline wander, plus small deterministic noise.
     */
    private static int[] pulseTrain(double bpm, double sampleRate, double seconds, List<Long> rWaves) {
        int n = (int) (seconds * sampleRate);
        int[] signal = new int[n];
        double period = 60 / bpm;
        for (double t = 0.5; t < seconds - 0.3; t += period) {
            rWaves.add(Math.round(t * sampleRate));
        }
        java.util.Random noise = new java.util.Random(7);
        for (int i = 0; i < n; i++) {
            double t = i / sampleRate;
            double v = 0.2 * Math.sin(2 * Math.PI * 0.3 * t) + 0.01 * noise.nextGaussian();
            for (long r : rWaves) {
                double dt = t - r / sampleRate;
                if (Math.abs(dt) < 0.8) {
                    v += Math.exp(-dt * dt / (2 * 0.012 * 0.012)) + 0.3 * Math.exp(-(dt - 0.25) * (dt - 0.25) / (2 * 0.04 * 0.04));
                }
            }
            signal[i] = (int) Math.round(1024 + 200 * v);
        }
        return signal;
    }

    @ParameterizedTest(name = "{0} bpm at {1} Hz")
    @CsvSource({"60,360", "120,360", "60,250", "120,250", "60,500", "120,500", "40,360", "180,360"})
    void accept_cleanPulseTrain_detectsEveryBeatWithItsRate(double bpm, double sampleRate) {
        List<Long> truth = new ArrayList<>();
        int[] signal = pulseTrain(bpm, sampleRate, 60, truth);
        List<Beat> beats = new ArrayList<>();
        long[] now = {-1};
        long[] worstLatency = {0};
        QrsDetector detector = new QrsDetector(sampleRate, b -> {
            beats.add(b);
            if (b.sample() > 2 * sampleRate) {
                worstLatency[0] = Math.max(worstLatency[0], now[0] - b.sample());
            }
        });
        for (int s : signal) {
            now[0]++;
            detector.accept(s);
        }
        assertThat(beats.size()).isBetween(truth.size() - 1, truth.size() + 1);
        long tolerance = Math.round(0.05 * sampleRate);
        for (Beat b : beats) {
            assertThat(truth).anySatisfy(r -> assertThat(Math.abs(r - b.sample())).isLessThanOrEqualTo(tolerance));
        }
        assertThat(beats.getLast().heartRate()).isCloseTo(bpm, within(bpm * 0.02));
        assertThat(beats.getLast().rrSamples()).isCloseTo(Math.round(60 / bpm * sampleRate), within(tolerance));
        assertThat(worstLatency[0]).isLessThanOrEqualTo(detector.maxLatencySamples());
    }

    @Test
    void accept_flatLine_detectsNothing() {
        List<Beat> beats = new ArrayList<>();
        QrsDetector detector = new QrsDetector(360, beats::add);
        for (int i = 0; i < 360 * 60; i++) {
            detector.accept(1024);
        }
        assertThat(beats).isEmpty();
    }

    @Test
    void accept_beatsThenAsystole_stopsDetecting() {
        List<Long> truth = new ArrayList<>();
        int[] signal = pulseTrain(75, 360, 20, truth);
        List<Beat> beats = new ArrayList<>();
        QrsDetector detector = new QrsDetector(360, beats::add);
        for (int s : signal) {
            detector.accept(s);
        }
        int before = beats.size();
        for (int i = 0; i < 360 * 20; i++) {
            detector.accept(signal[signal.length - 1]);
        }
        assertThat(beats.size()).isBetween(before, before + 1);
        assertThat(before).isBetween(truth.size() - 1, truth.size() + 1);
    }

    @Test
    void accept_afterHugeArtifact_relearnsAndDetectsAgain() {
        List<Long> truth = new ArrayList<>();
        int[] signal = pulseTrain(60, 360, 60, truth);
        for (int i = 10 * 360; i < 10 * 360 + 36; i++) {
            signal[i] += 1800; // a 9 mV, 100 ms step-and-back artifact
        }
        List<Beat> beats = new ArrayList<>();
        QrsDetector detector = new QrsDetector(360, beats::add);
        for (int s : signal) {
            detector.accept(s);
        }
        long lastTwentySeconds = beats.stream().filter(b -> b.sample() >= 40 * 360).count();
        long expected = truth.stream().filter(r -> r >= 40 * 360).count();
        assertThat(lastTwentySeconds).isBetween(expected - 1, expected + 1);
    }

    @Test
    void construct_implausibleSampleRate_isRejected() {
        assertThatThrownBy(() -> new QrsDetector(10, b -> { })).isInstanceOf(IllegalArgumentException.class);
    }
}
