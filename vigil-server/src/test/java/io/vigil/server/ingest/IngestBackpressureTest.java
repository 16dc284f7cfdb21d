package io.vigil.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.server.observation.ObservationEvents;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class IngestBackpressureTest {
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-26T02:00:00Z"), ZoneOffset.UTC);
    private final IngestBackpressure backpressure = new IngestBackpressure(
            new BackpressureProperties(true, 6, 2, Duration.ofSeconds(2), Duration.ofSeconds(1)),
            new AnalyticsLag(new ObservationEvents(), clock), new SimpleMeterRegistry());

    @Test
    void admit_aboveTheBulkShare_leavesTheReserveToUrgentReadings() {
        assertThat(backpressure.admit(4, false)).isTrue();
        assertThat(backpressure.admit(1, false)).as("bulk stops at 6 - 2").isFalse();
        assertThat(backpressure.admit(2, true)).as("urgent may use the reserve").isTrue();
        assertThat(backpressure.admit(1, true)).as("nothing above the maximum").isFalse();
        backpressure.release(4);
        assertThat(backpressure.admit(1, false)).isTrue();
    }

    @Test
    void admit_aPayloadLargerThanTheMaximum_passesWhenNothingIsPending() {
        assertThat(backpressure.admit(50, false)).isTrue();
        assertThat(backpressure.admit(1, true)).isFalse();
        backpressure.release(50);
        assertThat(backpressure.admit(1, false)).isTrue();
    }
}
