package io.vigil.server.delivery;

import io.vigil.server.alert.AlertFeed;
import io.vigil.server.alert.AlertView;
import io.vigil.server.alert.Listening;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Delivers alert changes to webhooks: each change a webhook selects (and whose patient its owner may see) is queued
 * as a delivery in the database and sent at once; a failed attempt (no connection, timeout, a non-2xx answer) is
 * retried with exponential backoff ({@link WebhookProperties#retryAfter}) until it gives up and becomes a dead
 * letter. Queued deliveries survive a restart. Bodies are signed ({@link WebhookSignature}).
 */
@Component
class WebhookDispatcher extends Listening {
    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final int BATCH = 100;

    private final AlertFeed feed;
    private final WebhookStore store;
    private final OwnerAccess owners;
    private final WebhookProperties settings;
    private final JsonMapper json;
    private final Optional<FlagBodies> flags;
    private final Clock clock;
    private final HttpClient http;
    private final AtomicBoolean sendQueued = new AtomicBoolean();

    WebhookDispatcher(AlertFeed feed, WebhookStore store, OwnerAccess owners, WebhookProperties settings, JsonMapper json,
                      Optional<FlagBodies> flags, Clock clock) {
        this.feed = feed;
        this.store = store;
        this.owners = owners;
        this.settings = settings;
        this.json = json;
        this.flags = flags;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        repeat("vigil-webhooks", settings.pollEvery(), this::sendDue);
    }

    /** Queues this change for every webhook that selects it and whose owner may see its patient. */
    void onChange(AlertView.Message message) {
        Instant now = clock.instant();
        int queued = 0;
        for (Webhook hook : store.active()) {
            if (hook.url() == null || !hook.selects(message)
                    || !owners.maySee(hook.owner(), message.alert().patient(), message.alert().unit())) {
                continue;
            }
            store.enqueue(new WebhookStore.Delivery(UUID.randomUUID().toString(), hook.id(), message.alert().id(),
                    message.alert().patient(), message.action(), body(hook, message), "pending", 0, now, now, null, null,
                    null));
            queued++;
        }
        if (queued > 0) {
            sendSoon();
        }
    }

    private String body(Webhook hook, AlertView.Message message) {
        return switch (hook.payload()) {
            case "fhir-flag" -> flags.orElseThrow().flagJson(message.alert());
            case "empty" -> "";
            default -> json.writeValueAsString(message);
        };
    }

    /** Sends what is due now on the sender thread (coalesced: one pending run at a time). */
    void sendSoon() {
        if (sendQueued.compareAndSet(false, true) && !runSoon(() -> {
            sendQueued.set(false);
            sendDue();
        })) {
            sendQueued.set(false);
        }
    }

    /** One pass over the due deliveries. */
    void sendDue() {
        try {
            List<WebhookStore.Delivery> due;
            do {
                due = store.due(clock.instant(), BATCH);
                due.forEach(this::attempt);
            } while (due.size() == BATCH);
        } catch (RuntimeException e) {
            log.warn("event=webhook.send_pass_failed error={}", e.toString());
        }
    }

    private void attempt(WebhookStore.Delivery d) {
        Optional<Webhook> hook = store.find(d.webhookId()).filter(Webhook::active);
        if (hook.isEmpty()) {
            return;
        }
        int attempts = d.attempts() + 1;
        String error = send(hook.get(), d);
        Instant now = clock.instant();
        if (error == null) {
            store.delivered(d.id(), attempts, now);
            log.info("event=webhook.delivered webhook={} delivery={} alert={} action={} attempts={}", d.webhookId(),
                    d.id(), d.alertId(), d.action(), attempts);
            return;
        }
        Instant next = now.plus(settings.retryAfter(attempts));
        boolean dead = !next.isBefore(d.createdAt().plus(settings.giveUpAfter()));
        store.failed(d.id(), attempts, now, error, next, dead);
        log.warn("event=webhook.{} webhook={} delivery={} attempts={} error=\"{}\"", dead ? "dead_letter" : "retry",
                d.webhookId(), d.id(), attempts, error);
    }

    /** Sends one delivery; null when the receiver took it (2xx), else why not. */
    private String send(Webhook hook, WebhookStore.Delivery d) {
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(hook.url())).timeout(settings.timeout())
                .header("Content-Type", "fhir-flag".equals(hook.payload()) ? "application/fhir+json" : "application/json")
                .header("User-Agent", "Vigil-Webhook/1")
                .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(hook.secret(), timestamp, d.body()))
                .header(WebhookSignature.DELIVERY_HEADER, d.id())
                .header(WebhookSignature.EVENT_HEADER, "alert." + d.action())
                .POST(HttpRequest.BodyPublishers.ofString(d.body()));
        for (String header : hook.headers()) {
            int colon = header.indexOf(':');
            if (colon > 0) {
                request.header(header.substring(0, colon).strip(), header.substring(colon + 1).strip());
            }
        }
        try {
            HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() / 100 == 2 ? null : "HTTP " + response.statusCode();
        } catch (IOException | IllegalArgumentException e) {
            return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    @Override
    protected AutoCloseable listen() {
        return feed.subscribe(this::onChange);
    }
}
