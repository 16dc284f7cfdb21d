package io.vigil.server.waveform;

import io.vigil.codec.waveform.WaveformSignal;
import java.time.Duration;
import java.time.Instant;

/**
 * One stored waveform frame: consecutive samples from {@code start}; physical value = (sample − baseline) / gain.
 *
 * @param patientId the patient who had the device at {@code start}, or null
 */
record StoredChunk(long id, String deviceId, String patientId, WaveformSignal signal, long sequence, Instant start,
                   double sampleRate, String unit, double gain, int baseline, boolean leadsOff, int[] samples) {

    Instant end() {
        return timeOf(samples.length);
    }

    /** Time of sample {@code index} (may lie past the end). */
    Instant timeOf(long index) {
        return start.plus(Duration.ofNanos(Math.round(index * 1e9 / sampleRate)));
    }

    static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
    }

    static Instant ofMicros(long micros) {
        return Instant.EPOCH.plusNanos(micros * 1000);
    }
}
