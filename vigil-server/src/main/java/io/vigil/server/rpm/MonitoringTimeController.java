package io.vigil.server.rpm;

import io.vigil.server.access.PatientAccess;
import io.vigil.server.api.ApiErrors;
import io.vigil.server.api.ApiException;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Monitoring time over REST: {@code /api/v1/patients/{id}/monitoring-time}. The chart page posts a heartbeat
 * ({@code {"seconds": 30}}) while it is visible; a clinician adds time spent elsewhere by hand
 * ({@code {"minutes": 10, "note": "phone call"}}). Clinicians only (the security configuration), for patients they
 * see; months are UTC calendar months.
 */
@RestController
@RequestMapping("/api/v1/patients/{id}/monitoring-time")
class MonitoringTimeController {
    static final int LONGEST_MANUAL_MINUTES = 240;

    record TimeBody(Integer seconds, Integer minutes, String note) {}

    record MonthView(String month, long totalSeconds, List<MonitoringTime> entries) {}

    private final MonitoringTimeStore store;
    private final ChartTimer timer;
    private final PatientAccess access;
    private final Clock clock;

    MonitoringTimeController(MonitoringTimeStore store, ChartTimer timer, PatientAccess access, Clock clock) {
        this.store = store;
        this.timer = timer;
        this.access = access;
        this.clock = clock;
    }

    @PostMapping
    ResponseEntity<MonitoringTime> record(@PathVariable String id, @RequestBody(required = false) TimeBody body,
                                          Principal clinician) {
        access.requireVisible(id);
        Instant now = clock.instant();
        if (body != null && body.minutes() != null) {
            if (body.minutes() < 1 || body.minutes() > LONGEST_MANUAL_MINUTES) {
                throw invalid("minutes", "Manual time is 1 to " + LONGEST_MANUAL_MINUTES + " minutes");
            }
            String note = body.note() == null || body.note().isBlank() ? null : body.note().strip();
            if (note != null && note.length() > 500) {
                throw invalid("note", "A note has at most 500 characters");
            }
            return ResponseEntity.status(HttpStatus.CREATED).body(store.add(id, clinician.getName(),
                    now.minusSeconds(body.minutes() * 60L), body.minutes() * 60, MonitoringTime.MANUAL, note));
        }
        if (body == null || body.seconds() == null || body.seconds() < 1 || body.seconds() > ChartTimer.LONGEST_BEAT) {
            throw invalid("seconds", "A heartbeat claims 1 to " + ChartTimer.LONGEST_BEAT + " seconds");
        }
        int credited = timer.credit(clinician.getName(), id, body.seconds(), now);
        if (credited == 0) {
            return ResponseEntity.noContent().build();
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(store.add(id, clinician.getName(),
                now.minusSeconds(credited), credited, MonitoringTime.CHART, null));
    }

    @GetMapping
    MonthView month(@PathVariable String id, @RequestParam(required = false) String month) {
        access.requireVisible(id);
        YearMonth shown = monthOf(month, clock);
        Instant from = shown.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = shown.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        List<MonitoringTime> entries = store.entries(id, from, to);
        return new MonthView(shown.toString(), entries.stream().mapToLong(MonitoringTime::seconds).sum(), entries);
    }

    /** The month named {@code yyyy-MM}, or the current UTC month when absent. */
    static YearMonth monthOf(String month, Clock clock) {
        if (month == null || month.isBlank()) {
            return YearMonth.now(clock.withZone(ZoneOffset.UTC));
        }
        try {
            return YearMonth.parse(month);
        } catch (DateTimeParseException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, ApiErrors.MONTH_INVALID, "month is yyyy-MM", "month");
        }
    }

    private static ApiException invalid(String field, String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, ApiErrors.MONITORING_TIME_INVALID, message, field);
    }
}
