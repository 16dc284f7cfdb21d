package io.vigil.codec.json;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds on one device-JSON payload; anything beyond them is refused with PAYLOAD_TOO_LARGE (or INVALID_TIME
 * for a time too far ahead).
 *
 * @param maxBytes            largest payload in bytes, checked before parsing
 * @param maxMessages         most messages in one array payload
 * @param maxValuesPerMessage most keys in one message's {@code values}
 * @param maxFutureSkew       how far after the receive time a device's clock may be
 */
public record DeviceJsonLimits(int maxBytes, int maxMessages, int maxValuesPerMessage, Duration maxFutureSkew) {

    private static final DeviceJsonLimits DEFAULTS = new DeviceJsonLimits(256 * 1024, 1000, 64, Duration.ofMinutes(5));

    public DeviceJsonLimits {
        if (maxBytes < 1 || maxMessages < 1 || maxValuesPerMessage < 1) {
            throw new IllegalArgumentException("payload limits must be positive");
        }
        Objects.requireNonNull(maxFutureSkew, "maxFutureSkew");
        if (maxFutureSkew.isNegative()) {
            throw new IllegalArgumentException("maxFutureSkew must not be negative");
        }
    }

    /** 256 KiB, 1000 messages, 64 values per message, 5 minutes of clock skew. */
    public static DeviceJsonLimits defaults() {
        return DEFAULTS;
    }
}
