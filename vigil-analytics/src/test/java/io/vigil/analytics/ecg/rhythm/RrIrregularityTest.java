package io.vigil.analytics.ecg.rhythm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RrIrregularityTest {

    @Test
    void regular_isZeroOnEveryMeasure() {
        double[] rr = new double[64];
        Arrays.fill(rr, 0.8);
        RrIrregularity r = RrIrregularity.of(rr);
        assertThat(r.meanRr()).isCloseTo(0.8, within(1e-12));
        assertThat(r.sdnn()).isCloseTo(0, within(1e-12));
        assertThat(r.normalisedRmssd()).isZero();
        assertThat(r.entropy()).isZero();
        assertThat(r.dispersion()).isZero();
    }

    @Test
    void alternatingIntervals_haveKnownRmssdAndLagTwoPredictsThem() {
        double[] rr = new double[64];
        for (int i = 0; i < rr.length; i++) {
            rr[i] = i % 2 == 0 ? 0.6 : 1.0;
        }
        RrIrregularity r = RrIrregularity.of(rr);
        // 4 longest and 4 shortest dropped keeps a 28/28 mix; successive differences are ±0.4 except where a drop
        // joins two equal values.
        assertThat(r.meanRr()).isCloseTo(0.8, within(1e-9));
        assertThat(r.rmssd()).isBetween(0.3, 0.4);
        assertThat(r.entropy()).isCloseTo(Math.log(2) / Math.log(16), within(1e-9));
        assertThat(r.dispersion()).isZero();
    }

    @Test
    void uniformRandom_isHighOnEveryMeasure() {
        RrIrregularity r = RrIrregularity.of(SyntheticEcg.irregular(64, 5));
        assertThat(r.normalisedRmssd()).isGreaterThan(0.2);
        assertThat(r.entropy()).isGreaterThan(0.8);
        assertThat(r.dispersion()).isGreaterThan(0.2);
    }

    @Test
    void tooFewIntervals_isRefused() {
        assertThatThrownBy(() -> RrIrregularity.of(new double[15])).isInstanceOf(IllegalArgumentException.class);
    }
}
