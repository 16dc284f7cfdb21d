package io.vigil.server.observation;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Instants as the databases keep them: microseconds. PostgreSQL rounds finer times to the nearest
 * microsecond, which could move an assignment's end past the next one's start; truncating once, before
 * anything is compared or stored, keeps H2, PostgreSQL and memory in agreement.
 */
public final class StoredTime {
    private StoredTime() {
    }

    public static Instant of(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }
}
