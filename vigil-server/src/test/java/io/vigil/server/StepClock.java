package io.vigil.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * A clock that stands still until a test moves it: lockouts, rate limits and their windows become exact. Starts at
 * the real time (in whole milliseconds, as the database keeps it), so data stamped by the tests still lines up.
 */
public final class StepClock extends Clock {

    /** Import into a {@code @SpringBootTest} to run the application on a step clock. */
    @TestConfiguration
    public static class InContext {
        @Bean
        @Primary
        StepClock stepClock() {
            return new StepClock();
        }
    }

    private volatile Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    public void advance(Duration duration) {
        now = now.plus(duration);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a step clock is in UTC");
    }
}
