package io.vigil.server.ingest;

import io.vigil.server.VigilProperties;
import io.vigil.server.throttle.TokenBuckets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Each device's rate limit: a token bucket of readings ({@code vigil.ingest.rate-limit.*}), the same for MQTT and
 * HTTP. A payload is admitted while the device has at least one reading's allowance left; its readings are then
 * charged, which may overdraw the allowance (a CGM's backlog of hundreds of readings still passes once), and the
 * device's next payload waits until it has refilled. In memory, per node.
 */
@Component
class DeviceAllowance {
    private final VigilProperties.RateLimit limit;
    private final TokenBuckets buckets;
    private final Clock clock;

    DeviceAllowance(VigilProperties properties, Clock clock) {
        this.limit = properties.ingest().rateLimit();
        this.buckets = limit.enabled()
                ? new TokenBuckets(limit.burst(), limit.readingsPerSecond(), limit.maxDevices()) : null;
        this.clock = clock;
    }

    /** How long the device must wait before its next payload is admitted; zero when it may send now. */
    Duration waitBeforeNext(String deviceId) {
        if (buckets == null) {
            return Duration.ZERO;
        }
        Instant now = clock.instant();
        return buckets.of(key(deviceId), now).untilAdmitted(now);
    }

    /** Charges an admitted payload's readings (at least one) to the device. */
    void charge(String deviceId, int readings) {
        if (buckets != null) {
            Instant now = clock.instant();
            buckets.of(key(deviceId), now).charge(Math.max(1, readings), now);
        }
    }

    VigilProperties.RateLimit limit() {
        return limit;
    }

    private static String key(String deviceId) {
        return deviceId == null ? "" : deviceId;
    }
}
