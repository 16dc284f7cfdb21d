package io.vigil.server.ingest;

import io.vigil.server.VigilProperties;
import io.vigil.server.api.ApiErrors;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Bounds the dead letters of a device flooding past its rate limit: in each minute, the first
 * {@code dead-letters-per-minute} rate-limited payloads of a device are kept whole; the rest are counted (metric
 * {@code vigil.ingest.payloads.unkept}) and, when the minute is over, one dead letter ({@code VIGIL-1321}, empty
 * payload) says how many were refused and not kept, on which topic, between which times. Nothing disappears
 * silently, and a flood cannot fill the database.
 */
@Component
class ThrottledLetters implements DisposableBean {
    static final Duration WINDOW = Duration.ofMinutes(1);
    private static final Logger log = LoggerFactory.getLogger(ThrottledLetters.class);

    /** One device's current minute: how many rate-limited payloads were kept and how many only counted. */
    private record Window(Instant start, int kept, int unkept, IngestRequest lastUnkept) {}

    private final int keepPerWindow;
    private final DeadLetterStore deadLetters;
    private final IngestMetrics metrics;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(
            task -> Thread.ofPlatform().name("vigil-throttled-letters").daemon().unstarted(task));

    ThrottledLetters(VigilProperties properties, DeadLetterStore deadLetters, IngestMetrics metrics, Clock clock) {
        this.keepPerWindow = properties.ingest().rateLimit().deadLettersPerMinute();
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.clock = clock;
        sweeper.scheduleWithFixedDelay(this::sweepQuietly, 10, 10, TimeUnit.SECONDS);
    }

    /** Keeps the rate-limited payload as a dead letter, or only counts it once the minute's share is used up. */
    void refused(IngestRequest request, String reason) {
        Instant now = clock.instant();
        String device = request.deviceId() == null ? "" : request.deviceId();
        Window[] ended = {null};
        Window window = windows.compute(device, (d, current) -> {
            if (current != null && !now.isBefore(current.start().plus(WINDOW))) {
                ended[0] = current;
                current = null;
            }
            if (current == null) {
                return new Window(now, keepPerWindow > 0 ? 1 : 0, keepPerWindow > 0 ? 0 : 1, keepPerWindow > 0 ? null : request);
            }
            return current.kept() < keepPerWindow ? new Window(current.start(), current.kept() + 1, current.unkept(), current.lastUnkept())
                    : new Window(current.start(), current.kept(), current.unkept() + 1, request);
        });
        if (ended[0] != null) {
            summarise(ended[0], now);
        }
        if (window.lastUnkept() == request) {
            metrics.unkept(request.transport(), ApiErrors.RATE_LIMITED);
        } else {
            deadLetters.keep(request, ApiErrors.RATE_LIMITED, reason, null);
        }
    }

    /** Writes the summary of every minute that is over. */
    void sweep() {
        Instant now = clock.instant();
        for (String device : List.copyOf(windows.keySet())) {
            Window[] ended = {null};
            windows.computeIfPresent(device, (d, window) -> {
                if (now.isBefore(window.start().plus(WINDOW))) {
                    return window;
                }
                ended[0] = window;
                return null;
            });
            if (ended[0] != null) {
                summarise(ended[0], now);
            }
        }
    }

    private void summarise(Window window, Instant now) {
        if (window.unkept() == 0) {
            return;
        }
        IngestRequest last = window.lastUnkept();
        Instant end = window.start().plus(WINDOW).isBefore(now) ? window.start().plus(WINDOW) : now;
        deadLetters.keep(new IngestRequest(last.deviceId(), last.transport(), last.topic(), new byte[0], end, last.format()),
                ApiErrors.RATE_LIMITED_UNKEPT, window.unkept() + " further payloads were refused for the rate limit between "
                        + window.start() + " and " + end + " and counted, not kept (the first " + window.kept()
                        + " were kept); last topic " + last.topic(), null);
        log.info("event=ingest.rate_limited_summary device={} unkept={} kept={}", last.deviceId(), window.unkept(), window.kept());
    }

    private void sweepQuietly() {
        try {
            sweep();
        } catch (RuntimeException e) {
            log.error("event=ingest.rate_limited_summary_failed", e);
        }
    }

    /** Writes what is pending before the database goes away. */
    @Override
    public void destroy() {
        sweeper.shutdownNow();
        Instant now = clock.instant();
        try {
            windows.forEach((device, window) -> summarise(window, now));
        } catch (RuntimeException e) {
            log.error("event=ingest.rate_limited_summary_failed", e);
        }
        windows.clear();
    }
}
