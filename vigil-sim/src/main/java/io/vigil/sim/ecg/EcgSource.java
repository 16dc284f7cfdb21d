package io.vigil.sim.ecg;

import io.vigil.analytics.ecg.MitBihEvaluation;
import io.vigil.analytics.ecg.wfdb.WfdbRead;
import io.vigil.analytics.ecg.wfdb.WfdbRecord;
import java.nio.file.Path;
import java.util.Arrays;

/** Where simulated ECG samples come from: the synthetic generator, or a WFDB record replayed. */
public sealed interface EcgSource {

    double sampleRate();

    /** ADC units per mV. */
    double gain();

    int baseline();

    boolean leadsOff();

    /** The next samples, at most {@code count}; empty when a replayed record has ended. */
    int[] next(int count);

    record Synthetic(SyntheticEcg ecg, double sampleRate, double gain, int baseline) implements EcgSource {
        @Override
        public boolean leadsOff() {
            return ecg.leadsOff();
        }

        @Override
        public int[] next(int count) {
            return ecg.next(count);
        }
    }

    /** A record's MLII lead (else its first signal), from {@code from} samples on. */
    final class Replay implements EcgSource {
        private final int[] signal;
        private final double sampleRate;
        private final double gain;
        private final int baseline;
        private int position;

        public Replay(WfdbRecord record) {
            int lead = MitBihEvaluation.analysisLead(record);
            this.signal = record.signals()[lead];
            this.sampleRate = record.header().sampleRate();
            var spec = record.header().signals().get(lead);
            this.gain = spec.gain() > 0 ? spec.gain() : 200;
            this.baseline = spec.baseline();
        }

        /** Reads {@code dir/name} ({@code .hea}, {@code .dat}, {@code .atr}). */
        public static WfdbRead<Replay> of(Path recordPath) {
            Path dir = recordPath.toAbsolutePath().getParent();
            String name = recordPath.getFileName().toString().replaceFirst("\\.(hea|dat|atr)$", "");
            return switch (WfdbRecord.read(dir, name)) {
                case WfdbRead.Ok<WfdbRecord> ok -> WfdbRead.ok(new Replay(ok.value()));
                case WfdbRead.Failure<WfdbRecord> f -> WfdbRead.failure(f.reason(), f.offset());
            };
        }

        @Override
        public double sampleRate() {
            return sampleRate;
        }

        @Override
        public double gain() {
            return gain;
        }

        @Override
        public int baseline() {
            return baseline;
        }

        @Override
        public boolean leadsOff() {
            return false;
        }

        @Override
        public int[] next(int count) {
            int to = Math.min(signal.length, position + count);
            int[] out = Arrays.copyOfRange(signal, position, to);
            position = to;
            return out;
        }
    }
}
