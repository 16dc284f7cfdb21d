package io.vigil.server.web;

import java.io.IOException;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One open ward event stream: a page (or script) watching a unit. Events queue here and a virtual thread
 * writes them, so a slow client never holds up the dispatch of stored observations; a client that falls
 * {@code backlog} events behind is closed, and its browser reconnects to a fresh snapshot.
 */
final class WardSubscriber {
    private static final Logger log = LoggerFactory.getLogger(WardSubscriber.class);

    private final SseEmitter emitter;
    private final Authentication caller;
    private final String session;
    private final String unit;
    private volatile WardViewer viewer;
    private final BlockingDeque<WardEvent> outbox;
    private final Consumer<WardSubscriber> onEnd;
    private final AtomicBoolean open = new AtomicBoolean(true);

    /** @param session the browser session the stream belongs to, null for a script using HTTP Basic */
    WardSubscriber(SseEmitter emitter, Authentication caller, String session, String unit, WardViewer viewer, int backlog,
                   Consumer<WardSubscriber> onEnd) {
        this.emitter = emitter;
        this.caller = caller;
        this.session = session;
        this.unit = unit;
        this.viewer = viewer;
        this.outbox = new LinkedBlockingDeque<>(backlog);
        this.onEnd = onEnd;
        emitter.onCompletion(this::end);
        emitter.onTimeout(this::end);
        emitter.onError(e -> end());
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

    /** Starts writing: {@code first} before anything queued since the subscriber was registered. */
    void start(WardEvent first) {
        outbox.offerFirst(first);
        Thread.ofVirtual().name("vigil-ward-stream").start(this::send);
    }

    /** Queues an event; closes the stream when the client is too far behind. */
    void offer(WardEvent event) {
        if (open.get() && !outbox.offer(event)) {
            log.info("event=ward_stream.closed reason=backlog_full unit={}", unit);
            close();
        }
    }

    /** Ends the stream from the server's side. */
    void close() {
        if (end()) {
            try {
                emitter.complete();
            } catch (IllegalStateException alreadyEnded) {
                log.debug("event=ward_stream.complete_after_end unit={}", unit);
            }
        }
    }

    private void send() {
        try {
            for (WardEvent event = outbox.take(); event != WardEvent.END && open.get(); event = outbox.take()) {
                emitter.send(event.builder());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | IllegalStateException e) {
            // The client went away (closed tab, network): the normal end of a stream.
            log.debug("event=ward_stream.send_failed unit={} reason={}", unit, e.toString());
            close();
        }
    }

    /**
     * Marks the stream ended, by either side; true for the call that ended it. The writer is woken with
     * {@link WardEvent#END}, never interrupted: an interrupt during a socket write would close the connection
     * under the servlet container.
     */
    private boolean end() {
        if (!open.compareAndSet(true, false)) {
            return false;
        }
        outbox.clear();
        outbox.offer(WardEvent.END);
        onEnd.accept(this);
        return true;
    }
}
