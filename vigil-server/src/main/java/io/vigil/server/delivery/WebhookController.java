package io.vigil.server.delivery;

import io.vigil.analytics.alert.AlertPriority;
import io.vigil.server.access.PatientAccess;
import io.vigil.server.api.ApiErrors;
import io.vigil.server.api.ApiException;
import io.vigil.server.security.Role;
import io.vigil.server.security.UserStore;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Webhooks over REST, for integration accounts (their own) and administrators (every one; they create webhooks on
 * behalf of an integration account, whose patient scope decides what is delivered — administrators see no clinical
 * data themselves). The secret is shown once, in the answer to the creation.
 */
@RestController
@RequestMapping("/api/v1/webhooks")
class WebhookController {
    private static final Logger log = LoggerFactory.getLogger(WebhookController.class);

    /** {@code owner}: only administrators name one (an integration account); else the caller. */
    record CreateBody(String url, String owner, String patient, String minPriority, Set<String> actions) {}

    record WebhookView(String id, String kind, String owner, String url, String patient, String minPriority,
                       Set<String> actions, Instant createdAt, String secret) {
        static WebhookView of(Webhook w, boolean withSecret) {
            return new WebhookView(w.id(), w.kind().code(), w.owner(), w.url(), w.patient(),
                    w.minPriority() == null ? null : w.minPriority().code(), w.actions(), w.createdAt(),
                    withSecret ? w.secret() : null);
        }
    }

    record Replayed(int replayed) {}

    private final WebhookStore store;
    private final WebhookDispatcher dispatcher;
    private final UserStore users;
    private final Clock clock;

    WebhookController(WebhookStore store, WebhookDispatcher dispatcher, UserStore users, Clock clock) {
        this.store = store;
        this.dispatcher = dispatcher;
        this.users = users;
        this.clock = clock;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    WebhookView create(@RequestBody CreateBody body, Authentication caller) {
        if (body == null) {
            throw ApiException.invalid("url", "A webhook needs a url");
        }
        String owner = ownerFor(body.owner(), caller);
        Webhook hook = new Webhook(UUID.randomUUID().toString(), Webhook.Kind.WEBHOOK, owner, checkedUrl(body.url()),
                WebhookSignature.newSecret(), body.patient(), priority(body.minPriority()), actions(body.actions()),
                "vigil", List.of(), null, clock.instant(), true);
        store.create(hook);
        log.info("event=webhook.created webhook={} owner={} by={}", hook.id(), owner, caller.getName());
        return WebhookView.of(hook, true);
    }

    @GetMapping
    List<WebhookView> list(Authentication caller) {
        return store.list(Webhook.Kind.WEBHOOK, Role.ADMIN.heldBy(caller) ? null : caller.getName()).stream()
                .map(w -> WebhookView.of(w, false)).toList();
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String id, Authentication caller) {
        Webhook hook = mine(id, caller);
        store.deactivate(hook.id());
        log.info("event=webhook.deleted webhook={} by={}", id, caller.getName());
    }

    @GetMapping("/dead-letters")
    List<WebhookStore.Delivery> deadLetters(Authentication caller) {
        return store.deadLetters(Role.ADMIN.heldBy(caller) ? null : caller.getName());
    }

    /** Replays one dead letter: queued again, due now, with a fresh retry window. */
    @PostMapping("/dead-letters/{id}/replay")
    WebhookStore.Delivery replay(@PathVariable String id, Authentication caller) {
        WebhookStore.Delivery d = store.delivery(id).orElseThrow(() -> ApiException.notFound("Dead letter"));
        mine(d.webhookId(), caller);
        if (!store.replay(id, clock.instant())) {
            throw new ApiException(HttpStatus.CONFLICT, ApiErrors.WEBHOOK_NOT_DEAD,
                    "Only a dead letter can be replayed; this delivery is " + d.state());
        }
        log.info("event=webhook.replayed delivery={} by={}", id, caller.getName());
        dispatcher.sendSoon();
        return store.delivery(id).orElseThrow();
    }

    /** Replays every dead letter of one webhook. */
    @PostMapping("/{id}/replay")
    Replayed replayAll(@PathVariable String id, Authentication caller) {
        mine(id, caller);
        int replayed = store.replayAll(id, clock.instant());
        log.info("event=webhook.replayed webhook={} deliveries={} by={}", id, replayed, caller.getName());
        dispatcher.sendSoon();
        return new Replayed(replayed);
    }

    private Webhook mine(String id, Authentication caller) {
        return store.find(id).filter(w -> w.kind() == Webhook.Kind.WEBHOOK)
                .filter(w -> Role.ADMIN.heldBy(caller) || w.owner().equals(caller.getName()))
                .orElseThrow(() -> ApiException.notFound("Webhook"));
    }

    private String ownerFor(String requested, Authentication caller) {
        if (!Role.ADMIN.heldBy(caller)) {
            if (requested != null && !requested.equals(caller.getName())) {
                throw new ApiException(HttpStatus.FORBIDDEN, ApiErrors.FORBIDDEN,
                        "Only administrators create webhooks for another account");
            }
            return caller.getName();
        }
        if (requested == null || !users.holds(requested, Role.INTEGRATION)) {
            throw new ApiException(HttpStatus.BAD_REQUEST, ApiErrors.WEBHOOK_INVALID,
                    "An administrator creates a webhook for an integration account: name it as owner", "owner");
        }
        return requested;
    }

    static String checkedUrl(String url) {
        try {
            URI uri = url == null ? null : URI.create(url);
            if (uri == null || uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            return uri.toString();
        } catch (IllegalArgumentException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, ApiErrors.WEBHOOK_INVALID,
                    "The endpoint must be an absolute http or https URL", "url");
        }
    }

    static AlertPriority priority(String code) {
        return code == null ? null : AlertPriority.ofCode(code)
                .orElseThrow(() -> ApiException.invalid("minPriority", "minPriority is high, medium or low"));
    }

    static Set<String> actions(Set<String> requested) {
        if (requested == null || requested.isEmpty()) {
            return Webhook.DEFAULT_ACTIONS;
        }
        Set<String> known = Set.of("raised", "updated", "acknowledged", "snoozed", "snooze-ended", "escalated", "resolved");
        if (!known.containsAll(requested)) {
            throw ApiException.invalid("actions", "actions are among " + String.join(", ", known.stream().sorted().toList()));
        }
        return Set.copyOf(requested);
    }
}
