package io.vigil.server.medication;

import io.vigil.server.api.ApiErrors;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.model.DeviceAssignment;
import io.vigil.server.api.ApiException;
import io.vigil.server.device.AssignmentStore;
import io.vigil.server.device.DeviceStore;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Creates medication schedules (from REST or FHIR) and pushes each to the patient's dispenser as a
 * {@code set-schedule} command. Reads them for the API, FHIR and adherence.
 */
@Component
public class MedicationSchedules {
    /** The device type of a medication dispenser (as registered through {@code POST /api/v1/devices}). */
    public static final String DISPENSER_TYPE = "medication-dispenser";
    private static final Logger log = LoggerFactory.getLogger(MedicationSchedules.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RXCUI = Pattern.compile("[0-9]{1,10}");
    private static final int LONGEST_TEXT = 200;

    /** A schedule with the command that pushed it, if there was a dispenser. */
    public record Created(MedicationSchedule schedule, DispenserCommand command) {}

    private final ScheduleStore schedules;
    private final AssignmentStore assignments;
    private final DeviceStore devices;
    private final DispenserCommands commands;
    private final MedicationProperties settings;
    private final Clock clock;

    MedicationSchedules(ScheduleStore schedules, AssignmentStore assignments, DeviceStore devices,
                        DispenserCommands commands, MedicationProperties settings, Clock clock) {
        this.schedules = schedules;
        this.assignments = assignments;
        this.devices = devices;
        this.commands = commands;
        this.settings = settings;
        this.clock = clock;
    }

    /** Checks, stores and pushes a schedule; {@link ApiException} 422 VIGIL-1852/1853 naming the field at fault. */
    public Created create(ScheduleDraft draft, String author) {
        Instant now = clock.instant();
        String text = draft.medication() == null ? null : draft.medication().strip();
        if (text == null || text.isEmpty() || text.length() > LONGEST_TEXT) {
            throw invalid("The medication's name (or RxNorm display) is required, at most " + LONGEST_TEXT + " characters", "medication");
        }
        if (draft.rxnorm() != null && !RXCUI.matcher(draft.rxnorm()).matches()) {
            throw invalid("rxnorm is an RxNorm concept id (RxCUI): digits", "rxnorm");
        }
        boolean prn = Boolean.TRUE.equals(draft.asNeeded());
        String unit = draft.periodUnit() == null ? "d" : draft.periodUnit();
        if (!List.of("h", "d", "wk").contains(unit)) {
            throw invalid("periodUnit is h, d or wk", "periodUnit");
        }
        List<LocalTime> times = times(draft);
        int frequency = draft.frequency() != null ? draft.frequency() : !times.isEmpty() ? times.size() : 1;
        int period = draft.period() == null ? 1 : draft.period();
        if (frequency < 1 || frequency > 24) {
            throw invalid("frequency is 1 to 24 doses per period", "frequency");
        }
        if (period < 1 || period > 31) {
            throw invalid("period is 1 to 31", "period");
        }
        if (!times.isEmpty() && ("h".equals(unit) || times.size() != frequency)) {
            throw invalid("timesOfDay (or when) give one local time per dose of a daily or weekly schedule: "
                    + frequency + " expected", "timesOfDay");
        }
        if ("wk".equals(unit) && frequency != 1) {
            throw invalid("A weekly schedule has one dosing day a week (frequency 1); give its times in timesOfDay", "frequency");
        }
        ZoneId zone;
        try {
            zone = draft.zone() == null ? settings.zone() : ZoneId.of(draft.zone());
        } catch (DateTimeException e) {
            throw invalid("zone is a time-zone id such as Europe/Paris", "zone");
        }
        Instant start = draft.start() == null ? now : draft.start();
        if (draft.end() != null && !draft.end().isAfter(start)) {
            throw invalid("end is after start", "end");
        }
        String dose = draft.dose() == null ? null : draft.dose().strip();
        if (dose != null && dose.length() > LONGEST_TEXT) {
            throw invalid("dose has at most " + LONGEST_TEXT + " characters", "dose");
        }
        String dispenser = dispenserOf(draft.patientId(), draft.dispenser(), now).orElse(null);
        MedicationSchedule schedule = new MedicationSchedule("ms-" + UUID.randomUUID(), draft.patientId(), dispenser,
                new MedicationSchedule.Medication(draft.rxnorm() == null ? null : MedicationSchedule.Medication.RXNORM,
                        draft.rxnorm(), text),
                new DosageTiming(frequency, period, unit, times, prn, zone, start, draft.end()), dose,
                MedicationSchedule.ACTIVE, now, author);
        schedules.insert(schedule);
        log.info("event=medication.schedule_created patient={} schedule={} dispenser={} by={}", schedule.patientId(),
                schedule.id(), dispenser == null ? "-" : dispenser, author);
        DispenserCommand command = dispenser == null ? null
                : commands.send(dispenser, schedule.id(), "set-schedule", commandBody(schedule));
        return new Created(schedule, command);
    }

    public Optional<MedicationSchedule> find(String id) {
        return schedules.find(id);
    }

    public List<MedicationSchedule> forPatient(String patientId) {
        return schedules.forPatient(patientId);
    }

    private List<LocalTime> times(ScheduleDraft draft) {
        List<LocalTime> times = new ArrayList<>();
        for (String t : draft.timesOfDay() == null ? List.<String>of() : draft.timesOfDay()) {
            try {
                times.add(LocalTime.parse(t));
            } catch (DateTimeParseException | NullPointerException e) {
                throw invalid("timesOfDay are local times HH:mm", "timesOfDay");
            }
        }
        for (String code : draft.when() == null ? List.<String>of() : draft.when()) {
            LocalTime time = code == null ? null : DosageTiming.WHEN.get(code);
            if (time == null) {
                throw invalid("when is one of " + String.join(", ", new java.util.TreeSet<>(DosageTiming.WHEN.keySet())), "when");
            }
            times.add(time);
        }
        return times.stream().sorted().distinct().toList();
    }

    /** The named dispenser if it is assigned to the patient now; else the patient's assigned dispenser, if any. */
    private Optional<String> dispenserOf(String patientId, String named, Instant now) {
        List<String> assigned = assignments.forPatient(patientId).stream().filter(a -> a.covers(now))
                .map(DeviceAssignment::deviceId).toList();
        if (named != null) {
            if (!assigned.contains(named)) {
                throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, ApiErrors.DISPENSER_NOT_ASSIGNED,
                        "The dispenser is not a device assigned to this patient now", "dispenser");
            }
            return Optional.of(named);
        }
        return assigned.stream().filter(id -> devices.find(id).map(d -> DISPENSER_TYPE.equals(d.type())).orElse(false))
                .findFirst();
    }

    /** The command's {@code schedule} object: what a dispenser needs, nothing about the patient. */
    static ObjectNode commandBody(MedicationSchedule s) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode schedule = body.putObject("schedule");
        schedule.put("id", s.id());
        ObjectNode medication = schedule.putObject("medication");
        if (s.medication().code() != null) {
            medication.put("system", s.medication().system()).put("code", s.medication().code());
        }
        medication.put("text", s.medication().text());
        if (s.doseText() != null) {
            schedule.put("dose", s.doseText());
        }
        DosageTiming t = s.timing();
        schedule.put("asNeeded", t.asNeeded()).put("frequency", t.frequency()).put("period", t.period())
                .put("periodUnit", t.periodUnit()).put("zone", t.zone().getId()).put("start", t.start().toString());
        if (!t.asNeeded() && !"h".equals(t.periodUnit())) {
            ArrayNode times = schedule.putArray("timesOfDay");
            t.dailyTimes().forEach(time -> times.add(time.toString()));
        }
        if (t.end() != null) {
            schedule.put("end", t.end().toString());
        }
        return body;
    }

    private static ApiException invalid(String message, String field) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, ApiErrors.MEDICATION_SCHEDULE_INVALID, message, field);
    }
}
