package io.vigil.sim;

import java.time.Duration;
import java.util.Map;

/**
 * What a simulator run sent and what came back. A reading is one value in a message's {@code values} object
 * (a blood-pressure panel counts as one).
 *
 * @param messagesSent       device JSON messages handed to the transport (each retry not counted again)
 * @param readingsSent       readings in those messages
 * @param readingsAcked      readings acknowledged: MQTT PUBACK success or HTTP 2xx
 * @param rejectedByReason   readings refused, by reason (e.g. {@code 0x99 PAYLOAD_FORMAT_INVALID VIGIL-1004})
 * @param readingsUnanswered readings given up on when the run closed without an answer
 * @param retries            resends of the same message after a lost connection or a server error
 * @param elapsed            from the first send to the last answer (or to now while running)
 * @param latency            send-to-acknowledgement latency of acknowledged messages (from the first send, retries
 *                           included; corrected for coordinated omission when paced at a rate)
 * @param throttledByReason  answers telling a device to wait and send again (HTTP 429, PUBACK 0x97), by reason
 */
public record SimulatorStats(long messagesSent, long readingsSent, long readingsAcked,
                             Map<String, Long> rejectedByReason, long readingsUnanswered, long retries,
                             Duration elapsed, Latency latency, Map<String, Long> throttledByReason) {

    public SimulatorStats {
        rejectedByReason = Map.copyOf(rejectedByReason);
        throttledByReason = Map.copyOf(throttledByReason);
    }

    public long throttled() {
        return throttledByReason.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Latency percentiles in milliseconds. */
    public record Latency(long count, double p50, double p90, double p99, double p999, double max) {
        static final Latency NONE = new Latency(0, 0, 0, 0, 0, 0);
    }

    public long readingsRejected() {
        return rejectedByReason.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Sustained acknowledged readings per second over the elapsed time. */
    public double ackedPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds > 0 ? readingsAcked / seconds : 0;
    }
}
