package io.vigil.server.delivery;

import io.vigil.analytics.alert.AlertPriority;
import io.vigil.server.access.PatientAccess;
import io.vigil.server.access.PatientScope;
import io.vigil.server.alert.AlertFeed;
import io.vigil.server.alert.AlertView;
import io.vigil.server.alert.Listening;
import io.vigil.server.api.ApiErrors;
import io.vigil.server.api.ApiException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The alert event stream ({@code GET /api/v1/alerts/stream}): every stored alert change ({@code event: alert}, data
 * {@link AlertView.Message}) for the patients the caller may see — decided when the stream opens and again at least
 * every {@link OwnerAccess#REFRESH} (a withdrawn share or care-team change stops the flow then) — narrowed by the
 * stream's own filters. A slow client's events queue up to {@code vigil.webhooks.stream-backlog}; past that its
 * stream is closed and it reconnects. Streams end before the web server stops.
 */
@Component
class AlertStream extends Listening {
    private static final Logger log = LoggerFactory.getLogger(AlertStream.class);
    static final int MAX_STREAMS_PER_USER = 5;
    private static final Object END = new Object();

    /** What one stream asked for: a patient (null: all), a lowest priority (null: all), subscribed alerts only. */
    record Filter(String patient, AlertPriority minPriority, boolean subscribed) {}

    private final AlertFeed feed;
    private final PatientAccess access;
    private final WebhookStore webhooks;
    private final WebhookProperties settings;
    private final JsonMapper json;
    private final Clock clock;
    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();

    AlertStream(AlertFeed feed, PatientAccess access, WebhookStore webhooks, WebhookProperties settings, JsonMapper json,
                Clock clock) {
        this.feed = feed;
        this.access = access;
        this.webhooks = webhooks;
        this.settings = settings;
        this.json = json;
        this.clock = clock;
        repeat("vigil-alert-stream-keepalive", settings.streamKeepAlive(),
                () -> subscribers.forEach(sub -> sub.offer(SseEmitter.event().comment("keep-alive"))));
    }

    SseEmitter open(Authentication caller, Filter filter) {
        if (subscribers.stream().filter(s -> s.caller.getName().equals(caller.getName())).count() >= MAX_STREAMS_PER_USER) {
            throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, ApiErrors.TOO_MANY_STREAMS,
                    "At most " + MAX_STREAMS_PER_USER + " alert streams per user");
        }
        SseEmitter emitter = new SseEmitter(settings.streamTimeout().toMillis());
        Subscriber s = new Subscriber(emitter, caller, filter);
        subscribers.add(s);
        s.offer(SseEmitter.event().comment("alert stream open"));
        Thread.ofVirtual().name("vigil-alert-stream").start(s::send);
        log.info("event=alert_stream.opened user={} subscribed={}", caller.getName(), filter.subscribed());
        return emitter;
    }

    void onChange(AlertView.Message message) {
        if (subscribers.isEmpty()) {
            return;
        }
        SseEmitter.SseEventBuilder event = SseEmitter.event().name("alert").id(message.alert().id() + "/" + message.at())
                .data(json.writeValueAsString(message), org.springframework.http.MediaType.APPLICATION_JSON);
        for (Subscriber s : subscribers) {
            if (s.wants(message)) {
                s.offer(event);
            }
        }
    }

    /** One open stream. */
    private final class Subscriber {
        private final SseEmitter emitter;
        private final Authentication caller;
        private final Filter filter;
        private final BlockingQueue<Object> outbox = new LinkedBlockingQueue<>(settings.streamBacklog());
        private final AtomicBoolean open = new AtomicBoolean(true);
        private volatile PatientScope scope;
        private volatile List<Webhook> followed;
        private volatile Instant decided;

        Subscriber(SseEmitter emitter, Authentication caller, Filter filter) {
            this.emitter = emitter;
            this.caller = caller;
            this.filter = filter;
            decide();
            emitter.onCompletion(this::end);
            emitter.onTimeout(this::end);
            emitter.onError(e -> end());
        }

        private void decide() {
            scope = access.scopeOf(caller);
            followed = filter.subscribed() ? webhooks.list(Webhook.Kind.ALERT_SUBSCRIPTION, caller.getName()) : List.of();
            decided = clock.instant();
        }

        boolean wants(AlertView.Message m) {
            Instant now = clock.instant();
            if (Duration.between(decided, now).compareTo(OwnerAccess.REFRESH) > 0 || now.isBefore(decided)) {
                decide();
            }
            AlertView a = m.alert();
            if (!scope.includes(a.patient(), a.unit())) {
                return false;
            }
            if (filter.patient() != null && !filter.patient().equals(a.patient())) {
                return false;
            }
            if (filter.minPriority() != null
                    && AlertPriority.ofCode(a.priority()).orElseThrow().compareTo(filter.minPriority()) > 0) {
                return false;
            }
            return !filter.subscribed() || followed.stream().anyMatch(w -> w.selects(m));
        }

        void offer(Object event) {
            if (open.get() && !outbox.offer(event)) {
                log.info("event=alert_stream.closed reason=backlog_full user={}", caller.getName());
                close();
            }
        }

        void send() {
            try {
                for (Object e = outbox.take(); e != END && open.get(); e = outbox.take()) {
                    emitter.send((SseEmitter.SseEventBuilder) e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException | IllegalStateException e) {
                log.debug("event=alert_stream.send_failed user={} reason={}", caller.getName(), e.toString());
                close();
            }
        }

        void close() {
            if (end()) {
                try {
                    emitter.complete();
                } catch (IllegalStateException alreadyEnded) {
                    log.debug("event=alert_stream.complete_after_end user={}", caller.getName());
                }
            }
        }

        private boolean end() {
            if (!open.compareAndSet(true, false)) {
                return false;
            }
            subscribers.remove(this);
            outbox.clear();
            outbox.offer(END);
            return true;
        }
    }

    @Override
    protected AutoCloseable listen() {
        return feed.subscribeEveryNode(this::onChange);
    }

    @Override
    public void stop() {
        super.stop();
        subscribers.forEach(Subscriber::close);
    }
}
