package io.vigil.sim;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Publish-to-acknowledgement latencies (MQTT PUBACK, HTTP response), recorded in microseconds in an HdrHistogram
 * with three significant digits, safe to record into from many threads.
 */
final class PublishLatency {

    private final ConcurrentHistogram histogram = new ConcurrentHistogram(3);

    void record(long nanos) {
        histogram.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMicros(nanos)));
    }

    SimulatorStats.Latency summary() {
        Histogram copy = histogram.copy();
        if (copy.getTotalCount() == 0) {
            return SimulatorStats.Latency.NONE;
        }
        return new SimulatorStats.Latency(copy.getTotalCount(), millis(copy, 50), millis(copy, 90),
                millis(copy, 99), copy.getMaxValue() / 1000.0);
    }

    private static double millis(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1000.0;
    }
}
