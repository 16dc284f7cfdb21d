package io.vigil.server.medication;

import io.vigil.server.access.PatientAccess;
import io.vigil.server.api.ApiErrors;
import io.vigil.server.api.ApiException;
import io.vigil.server.device.DeviceStore;
import java.net.URI;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Medication over REST: schedules ({@code /api/v1/patients/{id}/medication-schedules}, written by clinicians),
 * adherence ({@code GET /api/v1/patients/{id}/adherence?from=&to=}, read by whoever sees the patient) and the commands
 * sent to a dispenser ({@code GET /api/v1/devices/{id}/commands}, staff). Another patient's data is answered 404.
 */
@RestController
class MedicationController {
    private static final Duration LONGEST_WINDOW = Duration.ofDays(366);

    /** The REST body of a schedule (the patient is in the path). */
    record ScheduleBody(String dispenser, String rxnorm, String medication, Integer frequency, Integer period,
                        String periodUnit, List<String> timesOfDay, List<String> when, Boolean asNeeded, String dose,
                        String zone, Instant start, Instant end) {}

    record ScheduleView(String id, String patient, String dispenser, String rxnorm, String medication, String dose,
                        int frequency, int period, String periodUnit, List<String> timesOfDay, boolean asNeeded,
                        String zone, Instant start, Instant end, String status, Instant createdAt, String createdBy) {
        static ScheduleView of(MedicationSchedule s) {
            DosageTiming t = s.timing();
            return new ScheduleView(s.id(), s.patientId(), s.dispenserId(), s.medication().code(), s.medication().text(),
                    s.doseText(), t.frequency(), t.period(), t.periodUnit(),
                    t.asNeeded() || "h".equals(t.periodUnit()) ? List.of() : t.dailyTimes().stream().map(LocalTime::toString).toList(),
                    t.asNeeded(), t.zone().getId(), t.start(), t.end(), s.status(), s.createdAt(), s.createdBy());
        }
    }

    record CreatedView(ScheduleView schedule, DispenserCommand command) {}

    private final MedicationSchedules schedules;
    private final AdherenceReports adherence;
    private final DispenserCommands commands;
    private final DeviceStore devices;
    private final PatientAccess access;

    MedicationController(MedicationSchedules schedules, AdherenceReports adherence, DispenserCommands commands,
                         DeviceStore devices, PatientAccess access) {
        this.schedules = schedules;
        this.adherence = adherence;
        this.commands = commands;
        this.devices = devices;
        this.access = access;
    }

    @PostMapping("/api/v1/patients/{id}/medication-schedules")
    ResponseEntity<CreatedView> create(@PathVariable String id, @RequestBody(required = false) ScheduleBody body,
                                       Principal author) {
        access.requireVisible(id);
        if (body == null) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, ApiErrors.MEDICATION_SCHEDULE_INVALID,
                    "Send the schedule as JSON", null);
        }
        MedicationSchedules.Created created = schedules.create(new ScheduleDraft(id, body.dispenser(), body.rxnorm(),
                body.medication(), body.frequency(), body.period(), body.periodUnit(), body.timesOfDay(), body.when(),
                body.asNeeded(), body.dose(), body.zone(), body.start(), body.end()), author.getName());
        return ResponseEntity.created(URI.create("/api/v1/patients/" + id + "/medication-schedules/" + created.schedule().id()))
                .body(new CreatedView(ScheduleView.of(created.schedule()), created.command()));
    }

    @GetMapping("/api/v1/patients/{id}/medication-schedules")
    List<ScheduleView> list(@PathVariable String id) {
        access.requireVisible(id);
        return schedules.forPatient(id).stream().map(ScheduleView::of).toList();
    }

    @GetMapping("/api/v1/patients/{id}/medication-schedules/{scheduleId}")
    ScheduleView one(@PathVariable String id, @PathVariable String scheduleId) {
        access.requireVisible(id);
        return schedules.find(scheduleId).filter(s -> s.patientId().equals(id)).map(ScheduleView::of)
                .orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, ApiErrors.NOT_FOUND, "No such medication schedule"));
    }

    /** Adherence over [from, to): default the last 30 days. */
    @GetMapping("/api/v1/patients/{id}/adherence")
    AdherenceReports.Report adherence(@PathVariable String id, @RequestParam(required = false) String from,
                                      @RequestParam(required = false) String to) {
        access.requireVisible(id);
        Instant end = instant(to, Instant.now());
        Instant start = instant(from, end.minus(Duration.ofDays(30)));
        if (!start.isBefore(end) || Duration.between(start, end).compareTo(LONGEST_WINDOW) > 0) {
            throw new ApiException(HttpStatus.BAD_REQUEST, ApiErrors.ADHERENCE_WINDOW_INVALID,
                    "from is before to, at most 366 days apart", "from");
        }
        return adherence.of(id, start, end);
    }

    @GetMapping("/api/v1/devices/{id}/commands")
    List<DispenserCommand> commands(@PathVariable String id) {
        if (devices.find(id).isEmpty()) {
            throw new ApiException(HttpStatus.NOT_FOUND, ApiErrors.NOT_FOUND, "No such device");
        }
        return commands.forDevice(id);
    }

    private static Instant instant(String text, Instant otherwise) {
        if (text == null || text.isBlank()) {
            return otherwise;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, ApiErrors.ADHERENCE_WINDOW_INVALID,
                    "from and to are ISO-8601 instants (2026-11-01T00:00:00Z)", "from");
        }
    }
}
