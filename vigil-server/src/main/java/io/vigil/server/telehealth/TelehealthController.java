package io.vigil.server.telehealth;

import io.vigil.model.ObservationRecord;
import io.vigil.server.access.PatientAccess;
import io.vigil.server.observation.ObservationQuery;
import io.vigil.server.observation.ObservationStore;
import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Telehealth sessions over REST (clinicians): {@code POST /api/v1/patients/{id}/telehealth-sessions} opens one,
 * {@code PATCH …/{sessionId}} with {@code {"status": "finished"}} stops it; a session's view lists the readings taken
 * during it (the patient's Observations between its start and end, at most {@value #MOST_READINGS}).
 */
@RestController
@RequestMapping("/api/v1/patients/{id}/telehealth-sessions")
class TelehealthController {
    static final int MOST_READINGS = 200;

    record OpenBody(Instant start, String notes) {}

    record PatchBody(String status, Instant end, String notes) {}

    record Reading(String id, String type, Instant time) {}

    record SessionView(String id, String patient, String clinician, String status, Instant start, Instant end,
                       Long minutes, String notes, String encounter, List<Reading> readings) {}

    private final TelehealthSessions sessions;
    private final PatientAccess access;
    private final ObservationStore observations;

    TelehealthController(TelehealthSessions sessions, PatientAccess access, ObservationStore observations) {
        this.sessions = sessions;
        this.access = access;
        this.observations = observations;
    }

    @PostMapping
    ResponseEntity<SessionView> open(@PathVariable String id, @RequestBody(required = false) OpenBody body, Principal clinician) {
        access.requireVisible(id);
        TelehealthSession session = sessions.open(id, clinician.getName(), body == null ? null : body.start(),
                body == null ? null : body.notes());
        return ResponseEntity.created(URI.create("/api/v1/patients/" + id + "/telehealth-sessions/" + session.id()))
                .body(view(session, false));
    }

    @PatchMapping("/{sessionId}")
    SessionView stop(@PathVariable String id, @PathVariable String sessionId, @RequestBody(required = false) PatchBody body) {
        access.requireVisible(id);
        if (body != null && body.status() != null && !"finished".equals(body.status())) {
            throw new io.vigil.server.api.ApiException(org.springframework.http.HttpStatus.BAD_REQUEST,
                    io.vigil.server.api.ApiErrors.TELEHEALTH_INVALID, "status is finished (the only change a session takes)", "status");
        }
        return view(sessions.stop(id, sessionId, body == null ? null : body.end(), body == null ? null : body.notes()), true);
    }

    @GetMapping
    List<SessionView> list(@PathVariable String id) {
        access.requireVisible(id);
        return sessions.forPatient(id).stream().map(s -> view(s, false)).toList();
    }

    @GetMapping("/{sessionId}")
    SessionView one(@PathVariable String id, @PathVariable String sessionId) {
        access.requireVisible(id);
        return view(sessions.find(id, sessionId).orElseThrow(TelehealthSessions::notFound), true);
    }

    private SessionView view(TelehealthSession s, boolean withReadings) {
        List<Reading> readings = withReadings ? readings(s) : null;
        Long minutes = s.end() == null ? null : java.time.Duration.between(s.start(), s.end()).toMinutes();
        return new SessionView(s.id(), s.patientId(), s.clinician(), s.open() ? "in-progress" : "finished", s.start(), s.end(),
                minutes, s.notes(), "Encounter/" + s.id(), readings);
    }

    private List<Reading> readings(TelehealthSession s) {
        Instant end = s.end() == null ? Instant.now() : s.end();
        return observations.search(new ObservationQuery(s.patientId(), null, List.of(), s.start(), true, end, true, false, 0,
                        MOST_READINGS)).stream()
                .map(TelehealthController::reading).toList();
    }

    private static Reading reading(ObservationRecord o) {
        return new Reading(o.id(), o.measurement().type().alias(), o.measurement().time());
    }
}
