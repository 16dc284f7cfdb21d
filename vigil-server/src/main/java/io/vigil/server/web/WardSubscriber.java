package io.vigil.server.web;

import io.vigil.server.stream.StreamWriter;
import java.util.function.Consumer;
import org.springframework.security.core.Authentication;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One open ward event stream: a page (or script) watching a unit. Written by a {@link StreamWriter} (its own
 * queue and thread, so a slow client never holds up the dispatch of stored observations; a client that falls
 * {@code backlog} events behind is closed, and its browser reconnects to a fresh snapshot).
 */
final class WardSubscriber {
    private final StreamWriter writer;
    private final Authentication caller;
    private final String session;
    private final String unit;
    private volatile WardViewer viewer;

    /** @param session the browser session the stream belongs to, null for a script using HTTP Basic */
    WardSubscriber(SseEmitter emitter, Authentication caller, String session, String unit, WardViewer viewer, int backlog,
                   Consumer<WardSubscriber> onEnd) {
        this.caller = caller;
        this.session = session;
        this.unit = unit;
        this.viewer = viewer;
        this.writer = new StreamWriter(emitter, caller.getName(), "ward_stream", backlog, () -> onEnd.accept(this));
    }

    String user() {
        return caller.getName();
    }

    /** Who opened the stream, as they authenticated then. */
    Authentication caller() {
        return caller;
    }

    /** What the caller may see, as last decided. */
    WardViewer viewer() {
        return viewer;
    }

    /** What the caller may see from now on. */
    void see(WardViewer decided) {
        viewer = decided;
    }

    boolean belongsTo(String sessionId) {
        return sessionId.equals(session);
    }

    String unit() {
        return unit;
    }

    StreamWriter writer() {
        return writer;
    }

    /** Starts writing: {@code first} before anything queued since the subscriber was registered. */
    void start(WardEvent first) {
        writer.start(first);
    }

    /** Queues an event; closes the stream when the client is too far behind. */
    void offer(WardEvent event) {
        writer.offer(event);
    }

    /** Ends the stream from the server's side. */
    void close() {
        writer.close();
    }
}
