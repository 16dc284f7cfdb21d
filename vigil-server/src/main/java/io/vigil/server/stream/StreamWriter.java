package io.vigil.server.stream;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One open server-sent event stream (the ward page's, the alert stream's): events queue here and a virtual thread
 * writes them, so a slow client never holds up whoever produces the events; a client that falls {@code backlog}
 * events behind is closed (its browser reconnects). Each event builds its own Spring event builder when written —
 * a builder is single-use, and one shared by several streams' writers would be built concurrently.
 */
public final class StreamWriter {
    private static final Logger log = LoggerFactory.getLogger(StreamWriter.class);
    /** Between the two keep-alives of a {@link #probe}: time for a gone client's reset to arrive. */
    private static final Duration PROBE_PAUSE = Duration.ofMillis(100);

    /** An event to write; builds a fresh Spring builder every time it is asked. */
    public interface Event {
        SseEmitter.SseEventBuilder builder();
    }

    /** A comment that tells the client the server is still there (and lets the server notice a client gone). */
    public static final Event KEEP_ALIVE = () -> SseEmitter.event().comment("keep-alive");
    /** Not sent: tells the writer that the stream has ended. */
    private static final Event END = () -> {
        throw new IllegalStateException("the end of a stream is not sent");
    };

    private final SseEmitter emitter;
    private final String user;
    private final String kind;
    private final BlockingDeque<Event> outbox;
    private final Runnable onEnd;
    private final AtomicBoolean open = new AtomicBoolean(true);

    /**
     * @param kind  what stream this is, for the log ({@code ward_stream}, {@code alert_stream})
     * @param onEnd called once when the stream ends, from either side
     */
    public StreamWriter(SseEmitter emitter, String user, String kind, int backlog, Runnable onEnd) {
        this.emitter = emitter;
        this.user = user;
        this.kind = kind;
        this.outbox = new LinkedBlockingDeque<>(backlog);
        this.onEnd = onEnd;
        emitter.onCompletion(this::end);
        emitter.onTimeout(this::end);
        emitter.onError(e -> end());
    }

    /** Who opened the stream. */
    public String user() {
        return user;
    }

    public boolean isOpen() {
        return open.get();
    }

    /** Starts writing: {@code first} (if any) before anything queued since the stream was made. */
    public void start(Event first) {
        if (first != null) {
            outbox.offerFirst(first);
        }
        Thread.ofVirtual().name("vigil-" + kind.replace('_', '-')).start(this::send);
    }

    /** Queues an event; closes the stream when the client is too far behind. */
    public void offer(Event event) {
        if (open.get() && !outbox.offer(event)) {
            log.info("event={}.closed reason=backlog_full user={}", kind, user);
            close();
        }
    }

    /** Ends the stream from the server's side. */
    public void close() {
        if (end()) {
            try {
                emitter.complete();
            } catch (IllegalStateException alreadyEnded) {
                log.debug("event={}.complete_after_end user={}", kind, user);
            }
        }
    }

    /**
     * Which of these streams still have a client: writes a keep-alive to each at once (not through its queue),
     * twice, {@link #PROBE_PAUSE} apart — a client that has gone away without the server noticing fails the second
     * write at the latest, which ends its stream. For a limit of streams per user, so a stream its client closed
     * does not count until its next keep-alive.
     */
    public static List<StreamWriter> probe(List<StreamWriter> streams) {
        streams.forEach(StreamWriter::keepAliveNow);
        try {
            Thread.sleep(PROBE_PAUSE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        streams.forEach(StreamWriter::keepAliveNow);
        return streams.stream().filter(StreamWriter::isOpen).toList();
    }

    private void keepAliveNow() {
        if (!open.get()) {
            return;
        }
        try {
            emitter.send(KEEP_ALIVE.builder());
        } catch (IOException | IllegalStateException e) {
            log.debug("event={}.probe_failed user={} reason={}", kind, user, e.toString());
            close();
        }
    }

    private void send() {
        try {
            for (Event event = outbox.take(); event != END && open.get(); event = outbox.take()) {
                emitter.send(event.builder());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            // The client went away (closed tab, network): the normal end of a stream.
            log.debug("event={}.send_failed user={} reason={}", kind, user, e.toString());
            close();
        }
    }

    /**
     * Marks the stream ended, by either side; true for the call that ended it. The writer is woken with
     * {@link #END}, never interrupted: an interrupt during a socket write would close the connection under the
     * servlet container.
     */
    private boolean end() {
        if (!open.compareAndSet(true, false)) {
            return false;
        }
        outbox.clear();
        outbox.offer(END);
        onEnd.run();
        return true;
    }
}
