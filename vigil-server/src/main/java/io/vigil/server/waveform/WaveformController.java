package io.vigil.server.waveform;

import io.vigil.codec.waveform.WaveformSignal;
import io.vigil.server.access.PatientAccess;
import io.vigil.server.api.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * A patient's waveforms for those who may see the patient (others: 404, as for a patient that does not exist);
 * audited like every clinical read (RequestAudit).
 * <ul>
 *   <li>{@code GET /api/v1/patients/{id}/waveforms/{signal}?from=&to=} — samples and detected beats of a window
 *       (default: the last 10 s; at most {@code vigil.waveform.max-window})</li>
 *   <li>{@code GET /api/v1/patients/{id}/waveforms/{signal}/live} — event stream of new frames and beats</li>
 * </ul>
 */
@RestController
@RequestMapping("/api/v1/patients/{id}/waveforms/{signal}")
class WaveformController {
    static final Duration DEFAULT_WINDOW = Duration.ofSeconds(10);

    private final PatientAccess access;
    private final WaveformStore store;
    private final WaveformLive live;
    private final WaveformProperties properties;
    private final Clock clock;

    WaveformController(PatientAccess access, WaveformStore store, WaveformLive live, WaveformProperties properties,
                       Clock clock) {
        this.access = access;
        this.store = store;
        this.live = live;
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping
    WaveformWindow window(@PathVariable String id, @PathVariable String signal,
                          @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        access.requireVisible(id);
        WaveformSignal known = signal(signal);
        Instant end = to == null ? clock.instant() : instant("to", to);
        Instant start = from == null ? end.minus(DEFAULT_WINDOW) : instant("from", from);
        if (!start.isBefore(end)) {
            throw ApiException.invalid("from", "from must be before to");
        }
        if (Duration.between(start, end).compareTo(properties.maxWindow()) > 0) {
            throw ApiException.invalid("from", "A waveform window covers at most " + properties.maxWindow().toSeconds() + " s");
        }
        var chunks = store.window(id, known, start.minus(WaveformWindow.PRE_ROLL), end, properties.maxFrame());
        return WaveformWindow.of(known.topicName(), start, end, chunks, store.discontinuities(id, known, start, end),
                known.ecg());
    }

    // No 'produces': a refusal must still be answered as problem+json.
    @GetMapping("/live")
    SseEmitter live(@PathVariable String id, @PathVariable String signal) {
        access.requireVisible(id);
        return live.open(id, signal(signal).topicName());
    }

    private static WaveformSignal signal(String name) {
        return WaveformSignal.ofTopicName(name).orElseThrow(() -> ApiException.notFound("signal"));
    }

    private static Instant instant(String field, String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(field, field + " must be an ISO-8601 instant, e.g. 2026-11-25T10:15:30Z");
        }
    }
}
