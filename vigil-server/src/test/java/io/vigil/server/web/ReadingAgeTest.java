package io.vigil.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReadingAgeTest {
    private static final Instant NOW = Instant.parse("2026-11-25T10:15:30Z");

    @Test
    void describe_usesTheLargestWholeUnit() {
        assertThat(ReadingAge.describe(Duration.ofMillis(400))).isEqualTo("just now");
        assertThat(ReadingAge.describe(Duration.ofSeconds(12))).isEqualTo("12 s ago");
        assertThat(ReadingAge.describe(Duration.ofSeconds(59))).isEqualTo("59 s ago");
        assertThat(ReadingAge.describe(Duration.ofSeconds(60))).isEqualTo("1 min ago");
        assertThat(ReadingAge.describe(Duration.ofMinutes(59).plusSeconds(59))).isEqualTo("59 min ago");
        assertThat(ReadingAge.describe(Duration.ofHours(3))).isEqualTo("3 h ago");
        assertThat(ReadingAge.describe(Duration.ofDays(3))).isEqualTo("3 d ago");
    }

    @Test
    void describe_aTimeAheadOfTheServerClock_isJustNow() {
        assertThat(new ReadingAge(NOW).describe("2026-11-25T10:15:32Z")).isEqualTo("just now");
    }

    @Test
    void stale_onlyPastTheThreshold() {
        ReadingAge age = new ReadingAge(NOW);
        assertThat(age.stale(reading("2026-11-25T10:10:30Z", 300))).as("exactly 5 min").isFalse();
        assertThat(age.stale(reading("2026-11-25T10:10:29Z", 300))).as("5 min 1 s").isTrue();
    }

    private static VitalReading reading(String time, long staleAfter) {
        return new VitalReading("heart-rate", "HR", "Heart rate", "72", "bpm", null, time, false, staleAfter, "mon-1");
    }
}
