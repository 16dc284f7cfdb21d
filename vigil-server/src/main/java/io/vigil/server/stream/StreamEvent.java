package io.vigil.server.stream;

import java.time.Duration;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One named server-sent event, its data written once however many streams receive it.
 *
 * @param name      the event's name
 * @param id        its id, or null
 * @param data      its data (JSON text)
 * @param mediaType how the data is written (null: as text)
 * @param reconnect how long the browser waits before reconnecting after the stream ends, or null
 */
public record StreamEvent(String name, String id, String data, MediaType mediaType, Duration reconnect)
        implements StreamWriter.Event {

    @Override
    public SseEmitter.SseEventBuilder builder() {
        SseEmitter.SseEventBuilder event = SseEmitter.event().name(name);
        if (id != null) {
            event.id(id);
        }
        if (mediaType == null) {
            event.data(data);
        } else {
            event.data(data, mediaType);
        }
        return reconnect == null ? event : event.reconnectTime(reconnect.toMillis());
    }
}
