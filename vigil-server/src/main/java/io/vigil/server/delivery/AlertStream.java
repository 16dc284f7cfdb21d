package io.vigil.server.delivery;

import io.vigil.analytics.alert.AlertPriority;
import io.vigil.server.access.PatientAccess;
import io.vigil.server.access.PatientScope;
import io.vigil.server.alert.AlertFeed;
import io.vigil.server.alert.AlertView;
import io.vigil.server.alert.Listening;
import io.vigil.server.api.ApiErrors;
import io.vigil.server.api.ApiException;
import io.vigil.server.stream.StreamEvent;
import io.vigil.server.stream.StreamWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
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
    private static final StreamWriter.Event OPENED = () -> SseEmitter.event().comment("alert stream open");

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
                () -> subscribers.forEach(sub -> sub.writer.offer(StreamWriter.KEEP_ALIVE)));
    }

    SseEmitter open(Authentication caller, Filter filter) {
        SseEmitter emitter = new SseEmitter(settings.streamTimeout().toMillis());
        Subscriber s;
        synchronized (subscribers) {
            List<StreamWriter> mine = subscribers.stream().filter(o -> o.caller.getName().equals(caller.getName()))
                    .map(o -> o.writer).toList();
            if (mine.size() >= MAX_STREAMS_PER_USER
                    // Streams whose client went away count until a write finds them gone: look now.
                    && StreamWriter.probe(mine).size() >= MAX_STREAMS_PER_USER) {
                throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, ApiErrors.TOO_MANY_STREAMS,
                        "At most " + MAX_STREAMS_PER_USER + " alert streams per user");
            }
            s = new Subscriber(emitter, caller, filter);
            subscribers.add(s);
        }
        s.writer.start(OPENED);
        log.info("event=alert_stream.opened user={} subscribed={}", caller.getName(), filter.subscribed());
        return emitter;
    }

    void onChange(AlertView.Message message) {
        if (subscribers.isEmpty()) {
            return;
        }
        StreamEvent event = new StreamEvent("alert", message.alert().id() + "/" + message.at(),
                json.writeValueAsString(message), MediaType.APPLICATION_JSON, null);
        for (Subscriber s : subscribers) {
            if (s.wants(message)) {
                s.writer.offer(event);
            }
        }
    }

    /** One open stream: what it asked for, what its caller may see, and its {@link StreamWriter}. */
    private final class Subscriber {
        private final StreamWriter writer;
        private final Authentication caller;
        private final Filter filter;
        private volatile PatientScope scope;
        private volatile List<Webhook> followed;
        private volatile Instant decided;

        Subscriber(SseEmitter emitter, Authentication caller, Filter filter) {
            this.caller = caller;
            this.filter = filter;
            decide();
            this.writer = new StreamWriter(emitter, caller.getName(), "alert_stream", settings.streamBacklog(),
                    () -> subscribers.remove(this));
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
    }

    @Override
    protected AutoCloseable listen() {
        return feed.subscribeEveryNode(this::onChange);
    }

    @Override
    public void stop() {
        super.stop();
        List.copyOf(subscribers).forEach(s -> s.writer.close());
    }
}
