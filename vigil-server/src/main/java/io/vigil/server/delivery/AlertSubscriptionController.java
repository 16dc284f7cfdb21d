package io.vigil.server.delivery;

import io.vigil.analytics.alert.AlertPriority;
import io.vigil.server.access.PatientAccess;
import io.vigil.server.api.ApiErrors;
import io.vigil.server.api.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
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
 * Alert-only subscriptions: a person (a caregiver following a relative, a clinician) asks for the alerts of one
 * patient they may see, from a lowest priority (default: high only) — delivered to their webhook {@code url} if
 * they give one, and on their event stream opened with {@code ?subscribed=true}; nothing else (no readings, no other
 * patient). Each person sees and deletes only their own.
 */
@RestController
@RequestMapping("/api/v1/alert-subscriptions")
class AlertSubscriptionController {
    private static final Logger log = LoggerFactory.getLogger(AlertSubscriptionController.class);

    record CreateBody(String patient, String minPriority, String url) {}

    record SubscriptionView(String id, String patient, String minPriority, String url, Instant createdAt,
                            String secret) {
        static SubscriptionView of(Webhook w, boolean withSecret) {
            return new SubscriptionView(w.id(), w.patient(), w.minPriority().code(), w.url(), w.createdAt(),
                    withSecret ? w.secret() : null);
        }
    }

    private final WebhookStore store;
    private final PatientAccess access;
    private final Clock clock;

    AlertSubscriptionController(WebhookStore store, PatientAccess access, Clock clock) {
        this.store = store;
        this.access = access;
        this.clock = clock;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    SubscriptionView create(@RequestBody CreateBody body, Authentication caller) {
        if (body == null || body.patient() == null || body.patient().isBlank()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, ApiErrors.ALERT_SUBSCRIPTION_INVALID,
                    "An alert subscription follows one patient", "patient");
        }
        access.requireVisible(body.patient());
        AlertPriority lowest = body.minPriority() == null ? AlertPriority.HIGH : WebhookController.priority(body.minPriority());
        String url = body.url() == null ? null : WebhookController.checkedUrl(body.url());
        Webhook hook = new Webhook(UUID.randomUUID().toString(), Webhook.Kind.ALERT_SUBSCRIPTION, caller.getName(), url,
                WebhookSignature.newSecret(), body.patient(), lowest, Webhook.DEFAULT_ACTIONS, "vigil", List.of(), null,
                clock.instant(), true);
        store.create(hook);
        log.info("event=alert_subscription.created subscription={} patient={} by={}", hook.id(), body.patient(),
                caller.getName());
        return SubscriptionView.of(hook, url != null);
    }

    @GetMapping
    List<SubscriptionView> mine(Authentication caller) {
        return store.list(Webhook.Kind.ALERT_SUBSCRIPTION, caller.getName()).stream()
                .map(w -> SubscriptionView.of(w, false)).toList();
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String id, Authentication caller) {
        Webhook hook = store.find(id).filter(w -> w.kind() == Webhook.Kind.ALERT_SUBSCRIPTION && w.active())
                .filter(w -> w.owner().equals(caller.getName()))
                .orElseThrow(() -> ApiException.notFound("Alert subscription"));
        store.deactivate(hook.id());
        log.info("event=alert_subscription.deleted subscription={} by={}", id, caller.getName());
    }
}
