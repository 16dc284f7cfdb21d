package io.vigil.sim;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Publish-to-acknowledgement latencies (MQTT PUBACK, HTTP response), recorded in microseconds in an HdrHistogram
 * with three significant digits, safe to record into from many threads. Rate-paced runs are corrected for
 * coordinated omission.
 */
final class PublishLatency {

    private final ConcurrentHistogram histogram = new ConcurrentHistogram(3);
    /** Answers recorded (the histogram also holds the correction's filled-in samples). */
    private final LongAdder answers = new LongAdder();

    void record(long nanos) {
        record(nanos, 0);
    }

    /**
     * Records one latency; with a paced sender's interval, also the samples it would have taken while it waited
     * for this answer (HdrHistogram's correction for coordinated omission): a stall is not hidden by the sends it
     * held back.
     */
    void record(long nanos, long expectedIntervalNanos) {
        answers.increment();
        long micros = Math.max(0, TimeUnit.NANOSECONDS.toMicros(nanos));
        long interval = TimeUnit.NANOSECONDS.toMicros(expectedIntervalNanos);
        if (interval > 0) {
            histogram.recordValueWithExpectedInterval(micros, interval);
        } else {
            histogram.recordValue(micros);
        }
    }

    SimulatorStats.Latency summary() {
        Histogram copy = histogram.copy();
        if (copy.getTotalCount() == 0) {
            return SimulatorStats.Latency.NONE;
        }
        return new SimulatorStats.Latency(answers.sum(), millis(copy, 50), millis(copy, 90),
                millis(copy, 99), millis(copy, 99.9), copy.getMaxValue() / 1000.0);
    }

    private static double millis(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1000.0;
    }
}
