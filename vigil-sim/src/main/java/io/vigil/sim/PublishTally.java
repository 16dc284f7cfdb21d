package io.vigil.sim;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Counts what the simulator's devices sent and what was answered; recorded into from transport threads. */
final class PublishTally {

    private final LongAdder messagesSent = new LongAdder();
    private final LongAdder readingsSent = new LongAdder();
    private final LongAdder readingsAcked = new LongAdder();
    private final LongAdder readingsUnanswered = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final Map<String, LongAdder> rejected = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> throttled = new ConcurrentHashMap<>();
    private final PublishLatency latency = new PublishLatency();
    private final AtomicLong firstSendNanos = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong lastAnswerNanos = new AtomicLong(Long.MIN_VALUE);

    void sent(int messages, int readings) {
        firstSendNanos.compareAndSet(Long.MIN_VALUE, System.nanoTime());
        messagesSent.add(messages);
        readingsSent.add(readings);
    }

    /** @param expectedIntervalNanos the paced interval between a device's sends, for the omission correction; 0 = none */
    void acked(int readings, long latencyNanos, long expectedIntervalNanos) {
        readingsAcked.add(readings);
        latency.record(latencyNanos, expectedIntervalNanos);
        answered();
    }

    void rejected(String reason, int readings) {
        rejected.computeIfAbsent(reason, r -> new LongAdder()).add(readings);
        answered();
    }

    /** Vigil answered 429 / PUBACK 0x97: the message waits and is sent again. */
    void throttled(String reason) {
        throttled.computeIfAbsent(reason, r -> new LongAdder()).increment();
        retries.increment();
    }

    void retried() {
        retries.increment();
    }

    void unanswered(int readings) {
        readingsUnanswered.add(readings);
    }

    private void answered() {
        lastAnswerNanos.accumulateAndGet(System.nanoTime(), Math::max);
    }

    /** A snapshot; {@code running} measures elapsed time to now rather than to the last answer. */
    SimulatorStats snapshot(boolean running) {
        Map<String, Long> byReason = new TreeMap<>();
        rejected.forEach((reason, count) -> byReason.put(reason, count.sum()));
        Map<String, Long> throttledByReason = new TreeMap<>();
        throttled.forEach((reason, count) -> throttledByReason.put(reason, count.sum()));
        return new SimulatorStats(messagesSent.sum(), readingsSent.sum(), readingsAcked.sum(), byReason,
                readingsUnanswered.sum(), retries.sum(), elapsed(running), latency.summary(), throttledByReason);
    }

    private Duration elapsed(boolean running) {
        long first = firstSendNanos.get();
        if (first == Long.MIN_VALUE) {
            return Duration.ZERO;
        }
        long end = running ? System.nanoTime() : lastAnswerNanos.get();
        return end == Long.MIN_VALUE ? Duration.ZERO : Duration.ofNanos(Math.max(0, end - first));
    }
}
