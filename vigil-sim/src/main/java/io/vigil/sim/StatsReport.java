package io.vigil.sim;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.Function;

/** How {@code vigil simulate} prints its figures: a progress line while running, a table per phase at the end. */
final class StatsReport {

    /** One phase of a run and its final figures. */
    record Phase(String name, SimulatorStats stats) {}

    private StatsReport() {
    }

    /** One line: totals so far and the acknowledged rate since the previous line. */
    static String progress(String phase, SimulatorStats now, SimulatorStats previous, Duration window) {
        double seconds = Math.max(1e-9, window.toNanos() / 1e9);
        double recentRate = (now.readingsAcked() - previous.readingsAcked()) / seconds;
        SimulatorStats.Latency latency = now.latency();
        return String.format(Locale.ROOT,
                "[%s %4ds] sent %,d  acked %,d  rejected %,d  told to wait %,d  retries %,d  now %,.0f readings/s  p50 %.1f ms  p99 %.1f ms",
                phase, now.elapsed().toSeconds(), now.readingsSent(), now.readingsAcked(), now.readingsRejected(),
                now.throttled(), now.retries(), recentRate, latency.p50(), latency.p99());
    }

    /** The phases side by side, one column each. */
    static String summary(List<Phase> phases) {
        StringBuilder out = new StringBuilder();
        row(out, "", phases, Phase::name);
        row(out, "readings sent", phases, p -> count(p.stats().readingsSent()));
        row(out, "readings acked", phases, p -> count(p.stats().readingsAcked()));
        row(out, "readings rejected", phases, p -> count(p.stats().readingsRejected()));
        TreeSet<String> reasons = new TreeSet<>();
        phases.forEach(p -> reasons.addAll(p.stats().rejectedByReason().keySet()));
        for (String reason : reasons) {
            row(out, "  " + reason, phases, p -> count(p.stats().rejectedByReason().getOrDefault(reason, 0L)));
        }
        row(out, "told to wait (429 / 0x97)", phases, p -> count(p.stats().throttled()));
        TreeSet<String> waits = new TreeSet<>();
        phases.forEach(p -> waits.addAll(p.stats().throttledByReason().keySet()));
        for (String reason : waits) {
            row(out, "  " + reason, phases, p -> count(p.stats().throttledByReason().getOrDefault(reason, 0L)));
        }
        row(out, "readings unanswered", phases, p -> count(p.stats().readingsUnanswered()));
        row(out, "messages sent", phases, p -> count(p.stats().messagesSent()));
        row(out, "retries", phases, p -> count(p.stats().retries()));
        row(out, "elapsed s", phases, p -> String.format(Locale.ROOT, "%.1f", p.stats().elapsed().toMillis() / 1e3));
        row(out, "acked readings/s", phases, p -> String.format(Locale.ROOT, "%,.0f", p.stats().ackedPerSecond()));
        row(out, "ack latency p50 ms", phases, p -> millis(p.stats().latency().p50()));
        row(out, "ack latency p90 ms", phases, p -> millis(p.stats().latency().p90()));
        row(out, "ack latency p99 ms", phases, p -> millis(p.stats().latency().p99()));
        row(out, "ack latency p99.9 ms", phases, p -> millis(p.stats().latency().p999()));
        row(out, "ack latency max ms", phases, p -> millis(p.stats().latency().max()));
        return out.toString();
    }

    private static void row(StringBuilder out, String label, List<Phase> phases, Function<Phase, String> cell) {
        out.append(String.format(Locale.ROOT, "%-44s", label));
        for (Phase phase : phases) {
            out.append(String.format(Locale.ROOT, "%14s", cell.apply(phase)));
        }
        out.append(System.lineSeparator());
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String millis(double ms) {
        return String.format(Locale.ROOT, "%.2f", ms);
    }
}
