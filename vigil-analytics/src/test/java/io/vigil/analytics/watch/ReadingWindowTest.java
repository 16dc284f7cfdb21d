package io.vigil.analytics.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The running sums against a direct least-squares fit, with late readings, eviction and rebasing. */
class ReadingWindowTest {
    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    /** Least squares computed the textbook way over the readings within the window before the newest. */
    private static double[] direct(List<long[]> secondsAndValues, long windowSeconds) {
        long newest = secondsAndValues.stream().mapToLong(r -> r[0]).max().orElseThrow();
        List<long[]> in = secondsAndValues.stream().filter(r -> r[0] >= newest - windowSeconds).toList();
        double meanT = in.stream().mapToDouble(r -> r[0]).average().orElseThrow();
        double meanV = in.stream().mapToDouble(r -> r[1]).average().orElseThrow();
        double sxy = 0;
        double sxx = 0;
        for (long[] r : in) {
            sxy += (r[0] - meanT) * (r[1] - meanV);
            sxx += (r[0] - meanT) * (r[0] - meanT);
        }
        double slope = sxy / sxx;
        return new double[] {slope, meanV + slope * (newest + 1800 - meanT), in.size()};
    }

    @Test
    void slopeAndForecast_matchADirectFit_withLateReadingsOverTwoWeeks() {
        ReadingWindow window = new ReadingWindow(Duration.ofHours(1));
        Random random = new Random(7);
        List<long[]> all = new ArrayList<>();
        long second = 0;
        for (int i = 0; i < 20_000; i++) {
            second += 30 + random.nextInt(60);
            long at = random.nextInt(20) == 0 ? second - random.nextInt(1800) : second;
            long value = 60 + random.nextInt(40) + at / 20_000;
            if (window.add(T0.plusSeconds(at), value)) {
                all.add(new long[] {at, value});
            }
            if (i % 997 == 0 && window.size() >= 3) {
                double[] expected = direct(all, 3600);
                assertThat(window.size()).isEqualTo((int) expected[2]);
                assertThat(window.slopePerSecond()).isCloseTo(expected[0], within(1e-9));
                assertThat(window.forecast(Duration.ofMinutes(30))).isCloseTo(expected[1], within(1e-6));
            }
        }
        assertThat(second).as("long enough to rebase the sums").isGreaterThan(Duration.ofDays(7).toSeconds());
    }

    @Test
    void readingOlderThanTheWindow_isDropped_lowestAndNewestKept() {
        ReadingWindow window = new ReadingWindow(Duration.ofHours(1));
        window.add(T0, 80);
        window.add(T0.plus(Duration.ofMinutes(30)), 82);

        assertThat(window.add(T0.minus(Duration.ofMinutes(31)), 70)).isFalse();
        assertThat(window.add(T0.minus(Duration.ofMinutes(20)), 75)).isTrue();
        assertThat(window.lowestValue()).isEqualTo(75);
        assertThat(window.newestValue()).isEqualTo(82);
        assertThat(window.newestTime()).isEqualTo(T0.plus(Duration.ofMinutes(30)));
        assertThat(window.span()).isEqualTo(Duration.ofMinutes(50));
    }
}
