package io.vigil.server.waveform;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live waveform streams for the ECG page: every stored frame of a patient's signal ({@code samples} events) and
 * every beat the analysis finds ({@code beat} events) go to the event streams open on that patient and signal.
 * Access is checked when a stream opens (WaveformController). A stream that cannot be written is dropped.
 */
@Component
class WaveformLive {
    private static final long TIMEOUT_MS = 10 * 60 * 1000;

    record SamplesEvent(Instant start, double sampleRate, String unit, double gain, int baseline, boolean leadsOff,
                        int[] samples) {}

    record BeatEvent(Instant time, double heartRate) {}

    private final Map<String, Set<SseEmitter>> streams = new ConcurrentHashMap<>();

    SseEmitter open(String patientId, String signal) {
        SseEmitter emitter = new SseEmitter(TIMEOUT_MS);
        String key = patientId + " " + signal;
        streams.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(emitter);
        Runnable remove = () -> streams.getOrDefault(key, Set.of()).remove(emitter);
        emitter.onCompletion(remove);
        emitter.onTimeout(remove);
        emitter.onError(e -> remove.run());
        try {
            // Commits the response now, so the browser's EventSource opens before the first frame arrives.
            emitter.send(SseEmitter.event().comment("connected"));
        } catch (IOException e) {
            remove.run();
        }
        return emitter;
    }

    void publish(StoredChunk chunk) {
        if (chunk.patientId() == null) {
            return;
        }
        send(chunk.patientId(), chunk.signal().topicName(), "samples", new SamplesEvent(chunk.start(),
                chunk.sampleRate(), chunk.unit(), chunk.gain(), chunk.baseline(), chunk.leadsOff(), chunk.samples()));
    }

    void beat(String patientId, String signal, Instant time, double heartRate) {
        if (patientId != null) {
            send(patientId, signal, "beat", new BeatEvent(time, Math.round(heartRate * 10) / 10.0));
        }
    }

    private void send(String patientId, String signal, String name, Object data) {
        Set<SseEmitter> open = streams.get(patientId + " " + signal);
        if (open == null || open.isEmpty()) {
            return;
        }
        for (SseEmitter emitter : List.copyOf(open)) {
            try {
                emitter.send(SseEmitter.event().name(name).data(data));
            } catch (IOException | IllegalStateException e) {
                open.remove(emitter);
            }
        }
    }
}
