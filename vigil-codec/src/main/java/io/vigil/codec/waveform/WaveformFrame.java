package io.vigil.codec.waveform;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One frame of a sampled signal from a device: consecutive samples from {@code start}, at {@code sampleRate}.
 * Physical value of a sample = (sample − baseline) / gain, in {@code unit} (UCUM, e.g. {@code mV}).
 *
 * @param sequence   the device's frame counter (uint32), used to find gaps and overlaps
 * @param start      time of the first sample, microsecond precision
 * @param sampleRate samples per second
 * @param signal     which signal (lead) this is
 * @param unit       UCUM unit of the physical value
 * @param gain       ADC units per unit (e.g. 200 per mV for MIT-BIH)
 * @param baseline   ADC value of physical zero
 * @param leadsOff   the device reports its electrodes off (the samples are not a signal)
 * @param samples    the samples in ADC units
 */
public record WaveformFrame(long sequence, Instant start, double sampleRate, WaveformSignal signal, String unit,
                            double gain, int baseline, boolean leadsOff, int[] samples) {

    public WaveformFrame {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(signal, "signal");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(samples, "samples");
    }

    /** Time just after the last sample (start of the next frame when there is no gap). */
    public Instant end() {
        return start.plus(Duration.ofNanos(Math.round(samples.length * 1e9 / sampleRate)));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WaveformFrame f && sequence == f.sequence && start.equals(f.start)
                && Double.compare(sampleRate, f.sampleRate) == 0 && signal == f.signal && unit.equals(f.unit)
                && Double.compare(gain, f.gain) == 0 && baseline == f.baseline && leadsOff == f.leadsOff
                && java.util.Arrays.equals(samples, f.samples);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sequence, start, sampleRate, signal, java.util.Arrays.hashCode(samples));
    }

    @Override
    public String toString() {
        return "WaveformFrame[sequence=" + sequence + ", start=" + start + ", sampleRate=" + sampleRate + ", signal="
                + signal.topicName() + ", samples=" + samples.length + "]";
    }
}
