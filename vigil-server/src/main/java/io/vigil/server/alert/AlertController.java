package io.vigil.server.alert;

import io.vigil.analytics.alert.Alert;
import io.vigil.analytics.alert.AlertPriority;
import io.vigil.analytics.alert.AlertState;
import io.vigil.analytics.alert.AlertTransition;
import io.vigil.server.access.PatientAccess;
import io.vigil.server.api.ApiErrors;
import io.vigil.server.api.ApiException;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Alerts over REST: listed by any logged-in user, acknowledged (with a reason) and resolved by clinicians — each
 * caller only the alerts of patients whose clinical data they may see; another patient's alert is answered 404.
 */
@RestController
@RequestMapping("/api/v1/alerts")
class AlertController {
    private static final Logger log = LoggerFactory.getLogger(AlertController.class);
    private static final int ATTEMPTS = 5;

    record AckBody(String reason) {}

    record AlertView(String id, String patient, String rule, String measurement, String priority, String state,
                     Instant raisedAt, double firstValue, double lastValue, Instant lastTime, int count,
                     String acknowledgedBy, Instant acknowledgedAt, String reason, String resolvedBy,
                     Instant resolvedAt, boolean resolvedAutomatically) {
        static AlertView of(Alert a) {
            return new AlertView(a.id(), a.patient(), a.rule(), a.measurement(), a.priority().code(), a.state().code(),
                    a.raisedAt(), a.firstValue(), a.lastValue(), a.lastTime(), a.count(), a.acknowledgedBy(),
                    a.acknowledgedAt(), a.reason(), a.resolvedBy(), a.resolvedAt(), a.resolvedAutomatically());
        }
    }

    private final AlertStore alerts;
    private final PatientAccess access;
    private final Clock clock;

    AlertController(AlertStore alerts, PatientAccess access, Clock clock) {
        this.alerts = alerts;
        this.access = access;
        this.clock = clock;
    }

    @GetMapping
    List<AlertView> list(@RequestParam(required = false) String patient, @RequestParam(required = false) String state,
                         @RequestParam(required = false) String priority) {
        AlertState s = state == null ? null : AlertState.ofCode(state)
                .orElseThrow(() -> ApiException.invalid("state", "state is active, acknowledged or resolved"));
        AlertPriority p = priority == null ? null : AlertPriority.ofCode(priority)
                .orElseThrow(() -> ApiException.invalid("priority", "priority is high, medium or low"));
        return alerts.search(access.scopeOfCaller(), patient, s, p).stream().map(AlertView::of).toList();
    }

    @GetMapping("/{id}")
    AlertView one(@PathVariable String id) {
        return AlertView.of(visible(id).alert());
    }

    @PostMapping("/{id}/ack")
    AlertView acknowledge(@PathVariable String id, @RequestBody(required = false) AckBody body, Principal user) {
        String reason = body == null ? null : body.reason();
        AlertView view = change(id, alert -> alert.acknowledge(user.getName(), reason, clock));
        log.info("event=alert.acknowledged alert={} by={}", id, user.getName());
        return view;
    }

    @PostMapping("/{id}/resolve")
    AlertView resolve(@PathVariable String id, Principal user) {
        AlertView view = change(id, alert -> alert.resolve(user.getName(), clock));
        log.info("event=alert.resolved alert={} by={}", id, user.getName());
        return view;
    }

    /** Applies a person's transition, reading again if the reading listener changed the alert meanwhile. */
    private AlertView change(String id, Function<Alert, AlertTransition> transition) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            AlertStore.Stored stored = visible(id);
            switch (transition.apply(stored.alert())) {
                case AlertTransition.Applied applied -> {
                    if (alerts.update(applied.alert(), stored.version())) {
                        return AlertView.of(applied.alert());
                    }
                }
                case AlertTransition.Refused refused -> throw refusal(refused);
            }
        }
        throw new ApiException(HttpStatus.CONFLICT, ApiErrors.CONFLICT, "The alert is changing; try again");
    }

    /** The alert, if its patient is one the caller may see; "not found" otherwise, as for an unknown alert. */
    private AlertStore.Stored visible(String id) {
        return alerts.find(id).filter(stored -> access.canSee(PatientAccess.caller(), stored.alert().patient()))
                .orElseThrow(() -> ApiException.notFound("Alert"));
    }

    private static ApiException refusal(AlertTransition.Refused refused) {
        return switch (refused.refusal()) {
            case REASON_REQUIRED -> new ApiException(HttpStatus.BAD_REQUEST, ApiErrors.ALERT_REASON_REQUIRED,
                    refused.message(), "reason");
            case USER_REQUIRED -> new ApiException(HttpStatus.FORBIDDEN, ApiErrors.FORBIDDEN, refused.message());
            case ILLEGAL_TRANSITION -> new ApiException(HttpStatus.CONFLICT, ApiErrors.ALERT_TRANSITION_REFUSED,
                    refused.message());
        };
    }
}
