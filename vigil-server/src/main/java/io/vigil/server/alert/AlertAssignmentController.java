package io.vigil.server.alert;

import io.vigil.server.access.PatientAccess;
import io.vigil.server.api.ApiErrors;
import io.vigil.server.api.ApiException;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who holds an alert: a clinician assigns an open alert to a member of the care team who may see the patient
 * ({@code "to": "me"} takes it), reassigns it, or gives it back; who could hold it. Each change is an alert
 * transition (its history, the audit trail and the alert event stream: {@code assigned}, {@code unassigned}).
 */
@RestController
@RequestMapping("/api/v1/alerts/{id}")
class AlertAssignmentController {
    private static final String CLINICIAN = "clinician";
    /** In {@code "to"} and in the list's {@code assignee} filter: the caller. */
    static final String ME = "me";

    record AssignBody(String to) {}

    private final AlertStore alerts;
    private final AlertAssignments assignments;
    private final AlertHolders holders;
    private final AlertJournal journal;
    private final AlertProperties settings;
    private final PatientAccess access;
    private final Clock clock;

    AlertAssignmentController(AlertStore alerts, AlertAssignments assignments, AlertHolders holders, AlertJournal journal,
                              AlertProperties settings, PatientAccess access, Clock clock) {
        this.alerts = alerts;
        this.assignments = assignments;
        this.holders = holders;
        this.journal = journal;
        this.settings = settings;
        this.access = access;
        this.clock = clock;
    }

    @PostMapping("/assign")
    AlertView assign(@PathVariable String id, @RequestBody(required = false) AssignBody body, Principal user) {
        if (body == null || body.to() == null || body.to().isBlank()) {
            throw ApiException.invalid("to", "Name the person who takes the alert: \"to\": \"<user name>\" or \"me\"");
        }
        AlertStore.Stored stored = open(id);
        String to = ME.equals(body.to().strip()) ? user.getName() : body.to().strip();
        holders.requireMayHold(to, stored.alert().patient());
        Instant now = clock.instant();
        AlertAssignments.Assignment held = new AlertAssignments.Assignment(to, user.getName(), now);
        assignments.assign(id, held);
        journal.record(AlertView.Message.ASSIGNED, stored.alert(), stored.unit(), user.getName(), CLINICIAN, now,
                "to " + to, null);
        return AlertView.of(stored.alert(), stored.unit(), held, settings, now);
    }

    @PostMapping("/unassign")
    AlertView unassign(@PathVariable String id, Principal user) {
        AlertStore.Stored stored = open(id);
        Instant now = clock.instant();
        String from = assignments.of(id).map(AlertAssignments.Assignment::assignee).orElse(null);
        if (assignments.unassign(id)) {
            journal.record(AlertView.Message.UNASSIGNED, stored.alert(), stored.unit(), user.getName(), CLINICIAN, now,
                    from == null ? null : "from " + from, null);
        }
        return AlertView.of(stored.alert(), stored.unit(), null, settings, now);
    }

    /** The people who may hold this alert (enabled clinicians who may see its patient). */
    @GetMapping("/assignees")
    List<AlertHolders.Holder> assignees(@PathVariable String id) {
        return holders.of(visible(id).alert().patient());
    }

    private AlertStore.Stored open(String id) {
        AlertStore.Stored stored = visible(id);
        if (!stored.alert().state().open()) {
            throw new ApiException(HttpStatus.CONFLICT, ApiErrors.ALERT_NOT_ASSIGNABLE,
                    "The alert is resolved: nobody can take it any more");
        }
        return stored;
    }

    private AlertStore.Stored visible(String id) {
        return alerts.find(id).filter(stored -> access.canSee(PatientAccess.caller(), stored.alert().patient()))
                .orElseThrow(() -> ApiException.notFound("Alert"));
    }
}
