package io.vigil.sim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Simulated time: equal to the clock at the start, then running {@code speed} times as fast. */
record SimulatedTime(Instant start, double speed, Clock clock) {

    Instant now() {
        Duration real = Duration.between(start, clock.instant());
        return start.plusNanos((long) (real.toNanos() * speed));
    }
}
