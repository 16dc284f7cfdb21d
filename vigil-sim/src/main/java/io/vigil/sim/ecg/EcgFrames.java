package io.vigil.sim.ecg;

import io.vigil.codec.waveform.WaveformFrame;
import io.vigil.codec.waveform.WaveformSignal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Cuts an {@link EcgSource} into consecutive waveform frames of {@code frameSamples}, numbered from 0. */
public final class EcgFrames {
    private final EcgSource source;
    private final WaveformSignal signal;
    private final Instant origin;
    private final int frameSamples;
    private long sequence;
    private long samples;

    public EcgFrames(EcgSource source, WaveformSignal signal, Instant origin, Duration frame) {
        this.source = source;
        this.signal = signal;
        this.origin = origin;
        this.frameSamples = (int) Math.max(1, Math.min(0xFFFF, Math.round(frame.toNanos() * source.sampleRate() / 1e9)));
    }

    /** The next frame, or empty when the source has ended. */
    public Optional<WaveformFrame> next() {
        boolean leadsOff = source.leadsOff();
        int[] chunk = source.next(frameSamples);
        if (chunk.length == 0) {
            return Optional.empty();
        }
        Instant start = origin.plus(Duration.ofNanos(Math.round(samples * 1e9 / source.sampleRate())));
        WaveformFrame frame = new WaveformFrame(sequence & 0xFFFF_FFFFL, start, source.sampleRate(), signal, "mV",
                source.gain(), source.baseline(), leadsOff, chunk);
        sequence++;
        samples += chunk.length;
        return Optional.of(frame);
    }

    /** Time the next frame starts at. */
    public Instant nextStart() {
        return origin.plus(Duration.ofNanos(Math.round(samples * 1e9 / source.sampleRate())));
    }
}
