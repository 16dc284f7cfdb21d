package io.vigil.server.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Ingest counters for /actuator/prometheus: readings accepted per transport, payloads rejected per transport
 * and code (and how many of those were only counted, not kept), and the receive-to-durable latency histogram.
 */
@Component
class IngestMetrics {
    private final MeterRegistry registry;
    private final Map<Transport, Counter> accepted = new ConcurrentHashMap<>();
    private final Map<Transport, Counter> duplicates = new ConcurrentHashMap<>();
    private final Map<String, Counter> rejected = new ConcurrentHashMap<>();
    private final Map<String, Counter> unkept = new ConcurrentHashMap<>();
    private final Map<Transport, Timer> latency = new ConcurrentHashMap<>();

    IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void accepted(Transport transport, int observations, int duplicateCount, Duration sinceReceived) {
        accepted.computeIfAbsent(transport, t -> Counter.builder("vigil.ingest.observations.accepted")
                .description("Observations durably stored").tag("transport", t.name().toLowerCase()).register(registry))
                .increment(observations - duplicateCount);
        if (duplicateCount > 0) {
            duplicates.computeIfAbsent(transport, t -> Counter.builder("vigil.ingest.observations.duplicate")
                    .description("Retried observations answered with their earlier ids")
                    .tag("transport", t.name().toLowerCase()).register(registry)).increment(duplicateCount);
        }
        latency.computeIfAbsent(transport, t -> Timer.builder("vigil.ingest.latency")
                .description("From receipt to durable commit").tag("transport", t.name().toLowerCase())
                .publishPercentileHistogram().register(registry)).record(sinceReceived);
    }

    void rejected(Transport transport, String code) {
        rejected.computeIfAbsent(transport + code, k -> Counter.builder("vigil.ingest.payloads.rejected")
                .description("Payloads refused and kept as dead letters")
                .tag("transport", transport.name().toLowerCase()).tag("code", code).register(registry)).increment();
    }

    /** A refused payload counted in a summarising dead letter instead of kept whole (a rate-limit flood). */
    void unkept(Transport transport, String code) {
        unkept.computeIfAbsent(transport + code, k -> Counter.builder("vigil.ingest.payloads.unkept")
                .description("Refused payloads counted in a summarising dead letter, their bytes not kept")
                .tag("transport", transport.name().toLowerCase()).tag("code", code).register(registry)).increment();
    }
}
