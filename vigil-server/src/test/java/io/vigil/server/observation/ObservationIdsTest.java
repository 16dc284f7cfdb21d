package io.vigil.server.observation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ObservationIdsTest {
    private static final Clock FIXED = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void next_underConcurrency_isUniqueAndIncreasing() {
        ObservationIds ids = new ObservationIds(FIXED, 3);
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        IntStream.range(0, 8).parallel().forEach(t -> {
            long previous = Long.MIN_VALUE;
            for (int i = 0; i < 100_000; i++) {
                long id = ids.next();
                assertThat(id).isGreaterThan(previous);
                previous = id;
                seen.add(id);
            }
        });
        assertThat(seen).hasSize(800_000);
    }

    @Test
    void next_carriesItsNodeAndIsPositive() {
        ObservationIds ids = new ObservationIds(FIXED, 5);
        for (int i = 0; i < 1_000_000; i++) {
            long id = ids.next();
            assertThat(id).isPositive();
            assertThat((id >>> 18) & 0xF).isEqualTo(5);
        }
    }

    @Test
    void constructor_refusesNodeOutOfRange() {
        assertThatThrownBy(() -> new ObservationIds(FIXED, 16)).isInstanceOf(IllegalArgumentException.class);
    }
}
