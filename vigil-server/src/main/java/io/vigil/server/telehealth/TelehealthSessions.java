package io.vigil.server.telehealth;

import io.vigil.server.api.ApiErrors;
import io.vigil.server.api.ApiException;
import io.vigil.server.rpm.MonitoringTime;
import io.vigil.server.rpm.MonitoringTimeStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Opens and stops telehealth sessions. A stopped session's duration (at most 4 h, the longest monitoring-time entry)
 * is kept as monitoring time with source {@code telehealth}, so it counts in the RPM report's minutes.
 */
@Component
public class TelehealthSessions {
    static final Duration LONGEST = Duration.ofHours(4);
    static final int LONGEST_NOTES = 4000;
    private static final Logger log = LoggerFactory.getLogger(TelehealthSessions.class);

    private final TelehealthStore sessions;
    private final MonitoringTimeStore monitoringTime;
    private final Clock clock;

    TelehealthSessions(TelehealthStore sessions, MonitoringTimeStore monitoringTime, Clock clock) {
        this.sessions = sessions;
        this.monitoringTime = monitoringTime;
        this.clock = clock;
    }

    /** Opens a session that started at {@code start} (null: now; at most 4 h ago, not in the future). */
    TelehealthSession open(String patientId, String clinician, Instant start, String notes) {
        Instant now = clock.instant();
        Instant begin = start == null ? now : start;
        if (begin.isAfter(now.plusSeconds(60)) || begin.isBefore(now.minus(LONGEST))) {
            throw invalid("start is now or up to 4 hours ago", "start");
        }
        TelehealthSession session = new TelehealthSession("th-" + UUID.randomUUID(), patientId, clinician, begin, null,
                notes(notes));
        sessions.insert(session);
        log.info("event=telehealth.started patient={} session={} by={}", patientId, session.id(), clinician);
        return session;
    }

    /** Stops an open session at {@code end} (null: now), keeping its duration as monitoring time. */
    @Transactional
    TelehealthSession stop(String patientId, String sessionId, Instant end, String notes) {
        TelehealthSession session = find(patientId, sessionId).orElseThrow(TelehealthSessions::notFound);
        if (!session.open()) {
            throw new ApiException(HttpStatus.CONFLICT, ApiErrors.TELEHEALTH_STOPPED, "The session has been stopped already");
        }
        Instant now = clock.instant();
        Instant stop = end == null ? now : end;
        if (stop.isBefore(session.start()) || stop.isAfter(now.plusSeconds(60))) {
            throw invalid("end is after the session's start and not in the future", "end");
        }
        String text = notes == null ? session.notes() : notes(notes);
        if (!sessions.stop(sessionId, stop, text)) {
            throw new ApiException(HttpStatus.CONFLICT, ApiErrors.TELEHEALTH_STOPPED, "The session has been stopped already");
        }
        long seconds = Math.min(LONGEST.toSeconds(), Duration.between(session.start(), stop).toSeconds());
        if (seconds >= 1) {
            monitoringTime.add(patientId, session.clinician(), session.start(), (int) seconds, MonitoringTime.TELEHEALTH,
                    "telehealth session " + sessionId);
        }
        log.info("event=telehealth.stopped patient={} session={} seconds={}", patientId, sessionId, seconds);
        return sessions.find(sessionId).orElseThrow();
    }

    public Optional<TelehealthSession> find(String sessionId) {
        return sessions.find(sessionId);
    }

    Optional<TelehealthSession> find(String patientId, String sessionId) {
        return sessions.find(sessionId).filter(s -> s.patientId().equals(patientId));
    }

    public List<TelehealthSession> forPatient(String patientId) {
        return sessions.forPatient(patientId);
    }

    private static String notes(String notes) {
        String text = notes == null ? null : notes.strip();
        if (text != null && text.length() > LONGEST_NOTES) {
            throw invalid("notes have at most " + LONGEST_NOTES + " characters", "notes");
        }
        return text == null || text.isEmpty() ? null : text;
    }

    static ApiException notFound() {
        return new ApiException(HttpStatus.NOT_FOUND, ApiErrors.NOT_FOUND, "No such telehealth session");
    }

    private static ApiException invalid(String message, String field) {
        return new ApiException(HttpStatus.BAD_REQUEST, ApiErrors.TELEHEALTH_INVALID, message, field);
    }
}
