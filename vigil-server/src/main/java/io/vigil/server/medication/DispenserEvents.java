package io.vigil.server.medication;

import io.vigil.server.api.ApiErrors;
import io.vigil.analytics.alert.ConditionEvent;
import io.vigil.server.alert.AlertConditions;
import io.vigil.server.device.AssignmentStore;
import io.vigil.server.ingest.IngestRequest;
import io.vigil.server.ingest.IngestResult;
import io.vigil.server.ingest.IngestService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Dispenser events from MQTT ({@code vigil/v1/devices/{id}/events}) and HTTP ({@code POST /api/v1/devices/{id}/events}):
 * read ({@link DispenserEventFormat}), attributed to the patient the device was assigned to at the event's time, stored
 * once per device event id, then acted on: an acknowledgement settles its command; a late take, a missed dose and the
 * dispenser's own troubles raise alerts ({@link MedicationAlerts}). A payload refused as a whole is kept as an ingest
 * dead letter with its code.
 */
@Component
public class DispenserEvents {
    private static final Logger log = LoggerFactory.getLogger(DispenserEvents.class);

    private final AssignmentStore assignments;
    private final ScheduleStore schedules;
    private final DispenserEventStore events;
    private final DispenserCommands commands;
    private final AlertConditions alerts;
    private final IngestService ingest;
    private final MedicationProperties settings;

    DispenserEvents(AssignmentStore assignments, ScheduleStore schedules, DispenserEventStore events,
                    DispenserCommands commands, AlertConditions alerts, IngestService ingest, MedicationProperties settings) {
        this.assignments = assignments;
        this.schedules = schedules;
        this.events = events;
        this.commands = commands;
        this.alerts = alerts;
        this.ingest = ingest;
        this.settings = settings;
    }

    /** Takes one payload of an authenticated device: Accepted with the stored events' ids, or Rejected (dead-lettered). */
    public IngestResult accept(IngestRequest request) {
        DispenserEventFormat.Parsed parsed = DispenserEventFormat.parse(request.payload(), request.receivedAt());
        if (parsed instanceof DispenserEventFormat.Parsed.Refused refused) {
            return refuse(request, ApiErrors.DISPENSER_EVENT_INVALID, refused.reason(), refused.field());
        }
        List<DispenserEventFormat.Incoming> incoming = ((DispenserEventFormat.Parsed.Ok) parsed).events();
        List<DispenserEvent> resolved = new ArrayList<>();
        Map<String, MedicationSchedule> named = new HashMap<>();
        for (int i = 0; i < incoming.size(); i++) {
            DispenserEventFormat.Incoming e = incoming.get(i);
            String patient = assignments.patientAt(request.deviceId(), e.time()).orElse(null);
            MedicationSchedule schedule = null;
            if (e.scheduleId() != null) {
                schedule = named.computeIfAbsent(e.scheduleId(), id -> schedules.find(id).orElse(null));
                if (schedule == null || !schedule.patientId().equals(patient)) {
                    return refuse(request, ApiErrors.DISPENSER_EVENT_SCHEDULE_UNKNOWN,
                            "schedule is not a medication schedule of the patient this dispenser is assigned to",
                            (incoming.size() > 1 ? "[" + i + "]." : "") + "schedule");
                }
            }
            Instant dueAt = e.dueAt() != null || schedule == null || !(e.type().taken() || e.type() == DispenserEventType.DOSE_MISSED)
                    ? e.dueAt() : nearestDue(schedule, e.time()).orElse(null);
            resolved.add(new DispenserEvent(UUID.randomUUID().toString(), request.deviceId(), e.eventId(), e.type(), e.time(),
                    request.receivedAt(), patient, e.scheduleId(), dueAt, e.slot(), e.commandId(), e.detail()));
        }
        List<String> ids = new ArrayList<>();
        int duplicates = 0;
        for (DispenserEvent e : resolved) {
            if (events.insert(e)) {
                ids.add(e.id());
                act(e, named.get(e.scheduleId()));
            } else {
                duplicates++;
            }
        }
        log.info("event=dispenser.events device={} stored={} duplicates={}", request.deviceId(), ids.size(), duplicates);
        return new IngestResult.Accepted(ids, duplicates);
    }

    private IngestResult.Rejected refuse(IngestRequest request, String code, String reason, String field) {
        IngestResult.Rejected rejected = ingest.refuse(request, code, field == null ? reason : reason + " (" + field + ")");
        return new IngestResult.Rejected(rejected.code(), reason, field);
    }

    private void act(DispenserEvent e, MedicationSchedule schedule) {
        if (e.type() == DispenserEventType.COMMAND_ACK) {
            commands.acknowledged(e.deviceId(), e.commandId(), e.detail(), e.receivedAt());
            return;
        }
        String patient = e.patientId();
        if (patient == null) {
            return;
        }
        switch (e.type()) {
            case DOSE_TAKEN, DOSE_REMOVED -> {
                if (e.dueAt() != null && Duration.between(e.dueAt(), e.time()).abs().compareTo(settings.onTimeWindow()) > 0) {
                    alerts.report(new ConditionEvent.Raised(MedicationAlerts.DOSE_LATE, patient,
                            Duration.between(e.dueAt(), e.time()).toMinutes(), e.time()));
                }
            }
            case DOSE_MISSED -> alerts.report(new ConditionEvent.Raised(MedicationAlerts.DOSE_MISSED, patient, 1, e.time()));
            case JAM -> alerts.report(new ConditionEvent.Raised(MedicationAlerts.JAM, patient, 1, e.time()));
            case DOSE_DISPENSED -> alerts.report(new ConditionEvent.Cleared(MedicationAlerts.JAM, patient, 0, e.time()));
            case LOW_STOCK -> alerts.report(new ConditionEvent.Raised(MedicationAlerts.LOW_STOCK, patient, 1, e.time()));
            case LOADED -> alerts.report(new ConditionEvent.Cleared(MedicationAlerts.LOW_STOCK, patient, 0, e.time()));
            case TAMPER -> alerts.report(new ConditionEvent.Raised(MedicationAlerts.TAMPER, patient, 1, e.time()));
            case DOOR_OPENED -> {
                if (!nearAnyDose(e)) {
                    alerts.report(new ConditionEvent.Raised(MedicationAlerts.DOOR_OPENED, patient, 1, e.time()));
                }
            }
            default -> {
            }
        }
    }

    /** Whether the door opened within the on-time window of a dose of one of the patient's active schedules. */
    private boolean nearAnyDose(DispenserEvent e) {
        Duration window = settings.onTimeWindow();
        return schedules.forPatient(e.patientId()).stream()
                .filter(s -> MedicationSchedule.ACTIVE.equals(s.status()))
                .anyMatch(s -> !s.timing().dueBetween(e.time().minus(window), e.time().plus(window)).isEmpty());
    }

    private Optional<Instant> nearestDue(MedicationSchedule schedule, Instant time) {
        Duration reach = Duration.ofHours(12);
        return schedule.timing().dueBetween(time.minus(reach), time.plus(reach)).stream()
                .min(java.util.Comparator.comparing(d -> Duration.between(d, time).abs()));
    }
}
