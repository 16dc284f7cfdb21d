package io.vigil.server.ingest;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How ingest pushes back when Vigil is saturated (prefix {@code vigil.backpressure}): devices are told to wait and
 * send again (HTTP 429 with {@code Retry-After}, MQTT 5 PUBACK 0x97 quota exceeded) instead of their readings piling
 * up in memory. See docs/operations.md, "Durability and overload".
 *
 * @param enabled             false: no saturation check (the writer's own queue bound still holds)
 * @param maxPendingReadings  readings admitted but not yet committed, across all devices, above which even urgent
 *                            readings wait; a single payload larger than this is still admitted when nothing is pending
 * @param priorityReserve     the top of {@code maxPendingReadings} kept for urgent readings (a value at or beyond a
 *                            high-priority adult default limit): other readings wait once
 *                            {@code maxPendingReadings - priorityReserve} are pending
 * @param maxAnalyticsLag     when the analytics listeners (limits, NEWS2, alerts) see readings later than this after
 *                            receipt, non-urgent readings wait, so that alerting never falls far behind storage
 * @param retryAfter          what devices are told to wait (whole seconds, at least 1)
 */
@ConfigurationProperties("vigil.backpressure")
public record BackpressureProperties(@DefaultValue("true") boolean enabled,
                                     @DefaultValue("8000") int maxPendingReadings,
                                     @DefaultValue("2000") int priorityReserve,
                                     @DefaultValue("2s") Duration maxAnalyticsLag,
                                     @DefaultValue("1s") Duration retryAfter) {

    public BackpressureProperties {
        if (maxPendingReadings < 1 || priorityReserve < 0 || priorityReserve >= maxPendingReadings
                || maxAnalyticsLag.isNegative() || maxAnalyticsLag.isZero() || retryAfter.toSeconds() < 1) {
            throw new IllegalArgumentException("vigil.backpressure: max-pending-readings at least 1, priority-reserve "
                    + "from 0 to below max-pending-readings, max-analytics-lag positive, retry-after at least 1s");
        }
    }

    /** Whole seconds for {@code Retry-After} and the PUBACK reason string. */
    public long retryAfterSeconds() {
        return Math.max(1, retryAfter.toSeconds());
    }
}
