package io.vigil.server.web;

import io.vigil.server.stream.StreamWriter;
import java.time.Duration;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One server-sent event of the ward stream, its JSON written once however many pages receive it.
 * Spring's event builder is single-use, so each subscriber builds its own from this.
 *
 * @param name      event name ({@code ward}, {@code vitals}, {@code unattributed}); null for a keep-alive comment
 * @param json      the event's data
 * @param reconnect how long the browser waits before reconnecting after the stream ends, or null
 */
record WardEvent(String name, String json, Duration reconnect) implements StreamWriter.Event {
    static final String WARD = "ward";
    static final String VITALS = "vitals";
    static final String UNATTRIBUTED = "unattributed";
    static final WardEvent KEEP_ALIVE = new WardEvent(null, null, null);

    @Override
    public SseEmitter.SseEventBuilder builder() {
        if (name == null) {
            return SseEmitter.event().comment("keep-alive");
        }
        SseEmitter.SseEventBuilder event = SseEmitter.event().name(name).data(json);
        return reconnect == null ? event : event.reconnectTime(reconnect.toMillis());
    }
}
