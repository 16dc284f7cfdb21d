package io.vigil.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PublishLatencyTest {

    @Test
    void summary_oneToOneThousandMilliseconds_givesNearestRankPercentiles() {
        PublishLatency latency = new PublishLatency();
        for (int ms = 1; ms <= 1000; ms++) {
            latency.record(TimeUnit.MILLISECONDS.toNanos(ms));
        }

        SimulatorStats.Latency summary = latency.summary();

        // Three significant digits: each figure within 0.1 % of the exact nearest-rank value.
        assertThat(summary.count()).isEqualTo(1000);
        assertThat(summary.p50()).isCloseTo(500, within(0.5));
        assertThat(summary.p90()).isCloseTo(900, within(0.9));
        assertThat(summary.p99()).isCloseTo(990, within(1.0));
        assertThat(summary.max()).isCloseTo(1000, within(1.0));
    }

    @Test
    void summary_skewedLatencies_p99ShowsTheSlowTail() {
        PublishLatency latency = new PublishLatency();
        for (int i = 0; i < 980; i++) {
            latency.record(TimeUnit.MICROSECONDS.toNanos(800));
        }
        for (int i = 0; i < 20; i++) {
            latency.record(TimeUnit.MILLISECONDS.toNanos(40));
        }

        SimulatorStats.Latency summary = latency.summary();

        assertThat(summary.p50()).isCloseTo(0.8, within(0.001));
        assertThat(summary.p90()).isCloseTo(0.8, within(0.001));
        assertThat(summary.p99()).isCloseTo(40, within(0.04));
        assertThat(summary.max()).isCloseTo(40, within(0.04));
    }

    @Test
    void summary_nothingRecorded_isZero() {
        assertThat(new PublishLatency().summary()).isEqualTo(SimulatorStats.Latency.NONE);
    }
}
