package io.vigil.server.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real HTTP client reading a server-sent event stream (text/event-stream, parsed by the HTML spec's
 * rules: {@code field:value} lines, events end at a blank line, {@code :} lines are comments).
 */
public final class EventStream implements AutoCloseable {
    /** A received event. */
    public record Event(String name, String data) {}

    private static final Duration PATIENCE = Duration.ofSeconds(15);

    private final HttpClient http;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final CountDownLatch ended = new CountDownLatch(1);
    private final int status;
    private final String contentType;
    private final String body;

    private EventStream(HttpClient http, HttpRequest.Builder request) {
        this.http = http;
        try {
            HttpResponse<Stream<String>> response = http.send(request.header("Accept", "text/event-stream").GET().build(),
                    HttpResponse.BodyHandlers.ofLines());
            status = response.statusCode();
            contentType = response.headers().firstValue("Content-Type").orElse("");
            if (status == 200) {
                body = null;
                Thread.ofVirtual().start(() -> parse(response.body()));
            } else {
                try (Stream<String> lines = response.body()) {
                    body = String.join("\n", lines.toList());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A stream opened by a script with HTTP Basic. */
    public static EventStream open(int port, String pathAndQuery, String user, String password) {
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new EventStream(HttpClient.newHttpClient(), HttpRequest.newBuilder(uri(port, pathAndQuery))
                .header("Authorization", "Basic " + basic));
    }

    /** A stream opened with the session cookie of a client that logged in through the form. */
    public static EventStream open(HttpClient session, int port, String pathAndQuery) {
        return new EventStream(session, HttpRequest.newBuilder(uri(port, pathAndQuery)));
    }

    private static URI uri(int port, String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    /** Whether the server ends the stream within a generous wait. */
    public boolean ends() {
        try {
            return ended.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int status() {
        return status;
    }

    public String contentType() {
        return contentType;
    }

    /** The body of a refused stream. */
    public String body() {
        return body;
    }

    /** The next event (comments are not events); fails after a generous wait so a broken stream cannot hang the build. */
    public Event next() {
        return next(PATIENCE);
    }

    /** The next event, waiting at most {@code patience}. */
    public Event next(Duration patience) {
        try {
            Event event = events.poll(patience.toMillis(), TimeUnit.MILLISECONDS);
            if (event == null) {
                throw new AssertionError("no event within " + patience);
            }
            return event;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The next event of that name, skipping others. */
    public Event next(String name) {
        while (true) {
            Event event = next();
            if (event.name().equals(name)) {
                return event;
            }
        }
    }

    private void parse(Stream<String> lines) {
        String name = "message";
        StringBuilder data = new StringBuilder();
        try (lines) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        events.add(new Event(name, data.substring(0, data.length() - 1)));
                    }
                    name = "message";
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    name = value(line);
                } else if (line.startsWith("data:")) {
                    data.append(value(line)).append('\n');
                }
            }
        } catch (UncheckedIOException closed) {
            // the stream ended (closed by the test or the server)
        } finally {
            ended.countDown();
        }
    }

    private static String value(String line) {
        String value = line.substring(line.indexOf(':') + 1);
        return value.startsWith(" ") ? value.substring(1) : value;
    }

    @Override
    public void close() {
        http.shutdownNow();
    }
}
