package io.vigil.server.observation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How readings are kept (prefix {@code vigil.storage}).
 *
 * @param retention      readings whose effective time is older than this are removed (on PostgreSQL a whole day's
 *                       partition at a time, once all of that day is older); unset or zero keeps them for ever
 * @param partitionsAhead on PostgreSQL, how many days' partitions exist ahead of today
 * @param maintenance    how often partitions are created ahead and retention applied
 */
@ConfigurationProperties("vigil.storage")
public record StorageProperties(
        Duration retention,
        @DefaultValue("7") int partitionsAhead,
        @DefaultValue("1h") Duration maintenance) {

    public StorageProperties {
        if (retention != null && retention.isNegative()) {
            throw new IllegalArgumentException("vigil.storage.retention must not be negative");
        }
        if (partitionsAhead < 1 || partitionsAhead > 366 || maintenance.isNegative() || maintenance.isZero()) {
            throw new IllegalArgumentException("vigil.storage: partitions-ahead is 1 to 366, maintenance is positive");
        }
    }

    /** Whether readings are kept for ever. */
    public boolean keepForever() {
        return retention == null || retention.isZero();
    }
}
