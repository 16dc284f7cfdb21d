package io.vigil.server.alert;

import io.vigil.analytics.alert.AlertCategory;
import io.vigil.analytics.alert.AlertPriority;
import io.vigil.analytics.alert.AlertState;
import io.vigil.analytics.alert.AlertTransition;
import io.vigil.server.access.PatientAccess;
import io.vigil.server.api.ApiErrors;
import io.vigil.server.api.ApiException;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Alerts over REST: listed (with filters) and read with their history by any logged-in user, acknowledged (with a
 * reason), snoozed and resolved by clinicians — each caller only the alerts of patients whose clinical data they may
 * see; another patient's alert is answered 404.
 */
@RestController
@RequestMapping("/api/v1/alerts")
class AlertController {
    private static final String CLINICIAN = "clinician";

    record AckBody(String reason) {}

    /** {@code minutes} or an ISO-8601 {@code duration} (e.g. PT10M). */
    record SnoozeBody(Integer minutes, String duration) {}

    /** One alert with what happened to it and who acknowledged it. */
    record AlertDetail(AlertView alert, List<AlertHistory.Transition> history,
                       List<AlertHistory.Acknowledgement> acknowledgements) {}

    record AckReasons(List<String> reasons, boolean freeText) {}

    private final AlertStore alerts;
    private final AlertActions actions;
    private final AlertHistory history;
    private final AlertProperties settings;
    private final PatientAccess access;
    private final Clock clock;
    private final AlertAssignments assignments;

    AlertController(AlertStore alerts, AlertActions actions, AlertHistory history, AlertProperties settings,
                    PatientAccess access, Clock clock, AlertAssignments assignments) {
        this.alerts = alerts;
        this.assignments = assignments;
        this.actions = actions;
        this.history = history;
        this.settings = settings;
        this.access = access;
        this.clock = clock;
    }

    @GetMapping
    List<AlertView> list(@RequestParam(required = false) String patient, @RequestParam(required = false) String state,
                         @RequestParam(required = false) String priority,
                         @RequestParam(required = false) String category, @RequestParam(required = false) String unit,
                         @RequestParam(required = false) String rule, @RequestParam(required = false) Instant since,
                         @RequestParam(required = false) String assignee, Principal user) {
        AlertState s = state == null ? null : AlertState.ofCode(state)
                .orElseThrow(() -> ApiException.invalid("state", "state is active, acknowledged or resolved"));
        AlertPriority p = priority == null ? null : AlertPriority.ofCode(priority)
                .orElseThrow(() -> ApiException.invalid("priority", "priority is high, medium or low"));
        AlertCategory c = category == null ? null : AlertCategory.ofCode(category)
                .orElseThrow(() -> ApiException.invalid("category", "category is physiological or technical"));
        List<AlertStore.Stored> found = alerts.search(access.scopeOfCaller(),
                new AlertStore.Filter(patient, s, p, c, unit, rule, since, holder(assignee, user)));
        java.util.Map<String, AlertAssignments.Assignment> held = assignments.of(
                found.stream().map(stored -> stored.alert().id()).toList());
        return found.stream().map(stored -> AlertView.of(stored.alert(), stored.unit(), held.get(stored.alert().id()),
                settings, clock.instant())).toList();
    }

    /** The {@code assignee} filter: {@code me} (the caller), {@code none} (nobody holds it) or a user name. */
    private static String holder(String assignee, Principal user) {
        if (assignee == null || assignee.isBlank()) {
            return null;
        }
        return switch (assignee.strip()) {
            case AlertAssignmentController.ME -> user.getName();
            case "none" -> AlertStore.Filter.UNASSIGNED;
            default -> assignee.strip();
        };
    }

    @GetMapping("/ack-reasons")
    AckReasons ackReasons() {
        return new AckReasons(settings.ackReasons(), true);
    }

    @GetMapping("/{id}")
    AlertDetail one(@PathVariable String id) {
        AlertStore.Stored stored = visible(id);
        return new AlertDetail(view(stored), history.transitions(id), history.acknowledgements(id));
    }

    @PostMapping("/{id}/ack")
    AlertView acknowledge(@PathVariable String id, @RequestBody(required = false) AckBody body, Principal user) {
        visible(id);
        return done(actions.acknowledge(id, user.getName(), CLINICIAN, body == null ? null : body.reason()));
    }

    @PostMapping("/{id}/resolve")
    AlertView resolve(@PathVariable String id, Principal user) {
        visible(id);
        return done(actions.resolve(id, user.getName(), CLINICIAN));
    }

    @PostMapping("/{id}/snooze")
    AlertView snooze(@PathVariable String id, @RequestBody(required = false) SnoozeBody body, Principal user) {
        visible(id);
        return done(actions.snooze(id, user.getName(), CLINICIAN, snoozeOf(body)));
    }

    private static Duration snoozeOf(SnoozeBody body) {
        if (body != null && body.minutes() != null && body.duration() == null) {
            return Duration.ofMinutes(body.minutes());
        }
        if (body != null && body.duration() != null && body.minutes() == null) {
            try {
                return Duration.parse(body.duration());
            } catch (java.time.format.DateTimeParseException e) {
                throw ApiException.invalid("duration", "duration is ISO-8601, e.g. PT10M");
            }
        }
        throw ApiException.invalid("minutes", "A snooze names its length: minutes or duration (one of them)");
    }

    private AlertView done(AlertActions.Outcome outcome) {
        return switch (outcome) {
            case AlertActions.Outcome.Done done -> view(done.stored());
            case AlertActions.Outcome.Refused refused -> throw refusal(refused.refusal());
            case AlertActions.Outcome.AlreadyAcknowledged already -> throw new ApiException(HttpStatus.CONFLICT,
                    ApiErrors.ALERT_TRANSITION_REFUSED, "You have already acknowledged this alert");
            case AlertActions.Outcome.Busy busy -> throw new ApiException(HttpStatus.CONFLICT, ApiErrors.CONFLICT,
                    "The alert is changing; try again");
        };
    }

    AlertView view(AlertStore.Stored stored) {
        return AlertView.of(stored.alert(), stored.unit(), assignments.of(stored.alert().id()).orElse(null), settings,
                clock.instant());
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
            case SNOOZE_OUT_OF_BOUNDS -> new ApiException(HttpStatus.BAD_REQUEST, ApiErrors.ALERT_SNOOZE_OUT_OF_BOUNDS,
                    refused.message(), "minutes");
            case ILLEGAL_TRANSITION -> new ApiException(HttpStatus.CONFLICT, ApiErrors.ALERT_TRANSITION_REFUSED,
                    refused.message());
        };
    }
}
