package io.vigil.server.ingest;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * Admission of decoded readings into the write path, so that a burst becomes backpressure, not memory: readings
 * admitted but not yet committed are counted, and above {@code vigil.backpressure.*} a payload is answered "wait and
 * send again" (HTTP 429 + Retry-After, PUBACK 0x97) without being stored — nothing acknowledged, nothing lost, the
 * device resends. Urgent readings (see {@link UrgentReadings}) have a reserve of their own and are not held back by
 * slow analytics: the priority lane.
 */
@Component
class IngestBackpressure {
    private final BackpressureProperties settings;
    private final AnalyticsLag analytics;
    private final AtomicLong pending = new AtomicLong();

    IngestBackpressure(BackpressureProperties settings, AnalyticsLag analytics, MeterRegistry registry) {
        this.settings = settings;
        this.analytics = analytics;
        Gauge.builder("vigil.ingest.pending.readings", pending, AtomicLong::get)
                .description("Readings admitted and not yet committed").register(registry);
    }

    /**
     * Admits a payload's readings, or says no (false) when Vigil is saturated. An admitted payload must be
     * {@link #release released} once its write has completed, whichever way.
     */
    boolean admit(int readings, boolean urgent) {
        if (!settings.enabled()) {
            pending.addAndGet(readings);
            return true;
        }
        if (!urgent && analytics.behind(settings.maxAnalyticsLag())) {
            return false;
        }
        long limit = urgent ? settings.maxPendingReadings() : settings.maxPendingReadings() - settings.priorityReserve();
        while (true) {
            long now = pending.get();
            if (now > 0 && now + readings > limit) {
                return false;
            }
            if (pending.compareAndSet(now, now + readings)) {
                return true;
            }
        }
    }

    void release(int readings) {
        pending.addAndGet(-readings);
    }

    long retryAfterSeconds() {
        return settings.retryAfterSeconds();
    }
}
