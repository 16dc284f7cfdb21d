package io.vigil.server.medication;

import io.vigil.model.DeviceRecord;
import io.vigil.server.alert.Listening;
import io.vigil.server.device.DeviceAssignments;
import io.vigil.server.device.DeviceStore;
import io.vigil.server.ingest.IngestRequest;
import io.vigil.server.ingest.Transport;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.springframework.stereotype.Component;

/**
 * The demo's medication dispenser ({@value #DEVICE}) for the caregiver's patient: a schedule twice daily (08:00 and
 * 20:00 UTC) from two weeks ago, acknowledged, and the dispenser's dose events — for the past two weeks at start, then
 * as doses fall due. Each dose's fate is drawn from a random seeded by its time (the same on every restart): about 85 %
 * taken on time, 8 % late, 7 % reported missed. Events go through the same path as a device's. Fictional; demo only.
 */
@Component
public class DemoDispenser extends Listening {
    public static final String DEVICE = "home-dispenser-01";
    private static final Duration HISTORY = Duration.ofDays(14);

    private final DeviceStore devices;
    private final DeviceAssignments assignments;
    private final MedicationSchedules schedules;
    private final DispenserEvents events;
    private final Clock clock;
    private volatile MedicationSchedule schedule;
    private volatile Instant sentUntil;

    DemoDispenser(DeviceStore devices, DeviceAssignments assignments, MedicationSchedules schedules, DispenserEvents events,
                  Clock clock) {
        this.devices = devices;
        this.assignments = assignments;
        this.schedules = schedules;
        this.events = events;
        this.clock = clock;
        repeat("vigil-demo-dispenser", Duration.ofMinutes(1), this::doses);
    }

    @Override
    protected AutoCloseable listen() {
        return () -> {
        };
    }

    /** Registers and assigns the dispenser, makes the schedule (once), and sends the past two weeks' events. */
    public void provision(String patientId) {
        Instant now = clock.instant();
        Instant start = LocalDate.ofInstant(now.minus(HISTORY), ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
        if (devices.find(DEVICE).isEmpty()) {
            devices.register(new DeviceRecord(DEVICE, MedicationSchedules.DISPENSER_TYPE, "Vigil Simulated Devices", "dispenser",
                    "SIM-" + DEVICE, DeviceStore.ACTIVE));
        }
        if (assignments.history(DEVICE).isEmpty()) {
            assignments.assign(DEVICE, patientId, start.minus(Duration.ofDays(1)), null);
        }
        schedule = schedules.forPatient(patientId).stream().filter(s -> DEVICE.equals(s.dispenserId())).findFirst()
                .orElseGet(() -> {
                    MedicationSchedules.Created created = schedules.create(new ScheduleDraft(patientId, DEVICE, null,
                            "Furosemide 40 mg oral tablet", 2, 1, "d", List.of("08:00", "20:00"), null, false, "1 tablet",
                            "UTC", start, null), "demo");
                    if (created.command() != null) {
                        send(List.of("{\"id\": \"demo-ack-" + created.command().id().hashCode() + "\", \"type\": \"command-ack\","
                                + " \"time\": \"" + now + "\", \"commandId\": \"" + created.command().id() + "\"}"));
                    }
                    return created.schedule();
                });
        doses();
    }

    /** Sends the events that have happened since the last call (all of them the first time). */
    void doses() {
        MedicationSchedule current = schedule;
        if (current == null) {
            return;
        }
        Instant now = clock.instant();
        Instant from = sentUntil == null ? current.timing().start() : sentUntil.minus(Duration.ofHours(4));
        List<String> batch = new ArrayList<>();
        for (Instant due : current.timing().dueBetween(from.minus(Duration.ofHours(4)), now)) {
            Random fate = new Random(due.toEpochMilli());
            int roll = fate.nextInt(100);
            String type = roll < 93 ? "dose-taken" : "dose-missed";
            Instant time = roll < 85 ? due.plus(Duration.ofMinutes(fate.nextInt(50) - 15))
                    : roll < 93 ? due.plus(Duration.ofMinutes(90 + fate.nextInt(90))) : due.plus(Duration.ofHours(2));
            boolean fresh = sentUntil == null || time.isAfter(sentUntil);
            if (fresh && !time.isAfter(now)) {
                batch.add("{\"id\": \"demo-" + due.getEpochSecond() + "\", \"type\": \"" + type + "\", \"time\": \"" + time
                        + "\", \"schedule\": \"" + current.id() + "\", \"dueAt\": \"" + due + "\"}");
            }
        }
        for (int i = 0; i < batch.size(); i += DispenserEventFormat.MOST_EVENTS) {
            send(batch.subList(i, Math.min(batch.size(), i + DispenserEventFormat.MOST_EVENTS)));
        }
        sentUntil = now;
    }

    private void send(List<String> json) {
        if (json.isEmpty()) {
            return;
        }
        byte[] payload = ("[" + String.join(",", json) + "]").getBytes(StandardCharsets.UTF_8);
        events.accept(new IngestRequest(DEVICE, Transport.HTTP, "demo", payload, clock.instant()));
    }
}
