package io.vigil.server.medication;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/** A patient's adherence per medication over a window, from the stored schedules and dispenser events. */
@Component
public class AdherenceReports {
    private final ScheduleStore schedules;
    private final DispenserEventStore events;
    private final MedicationProperties settings;
    private final Clock clock;

    AdherenceReports(ScheduleStore schedules, DispenserEventStore events, MedicationProperties settings, Clock clock) {
        this.schedules = schedules;
        this.events = events;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * @param onTimeWindowMinutes the on-time window used
     * @param note                "Not for clinical use" and what the figures mean
     */
    public record Report(String patient, Instant from, Instant to, long onTimeWindowMinutes, int scheduled, int onTime,
                         int late, int missed, Double onTimeRate, List<MedicationAdherence> medications, String note) {}

    public Report of(String patientId, Instant from, Instant to) {
        Duration window = settings.onTimeWindow();
        Instant now = clock.instant();
        List<DispenserEvent> patientEvents = events.forPatient(patientId, from.minus(Duration.ofDays(2)), to.plus(Duration.ofDays(2)));
        List<MedicationAdherence> each = schedules.forPatient(patientId).stream()
                .filter(s -> s.timing().start().isBefore(to) && (s.timing().end() == null || s.timing().end().isAfter(from)))
                .map(s -> Adherence.of(s, patientEvents, from, to, now, window)).toList();
        int scheduled = each.stream().mapToInt(MedicationAdherence::scheduled).sum();
        int onTime = each.stream().mapToInt(MedicationAdherence::onTime).sum();
        return new Report(patientId, from, to, window.toMinutes(), scheduled, onTime,
                each.stream().mapToInt(MedicationAdherence::late).sum(), each.stream().mapToInt(MedicationAdherence::missed).sum(),
                scheduled == 0 ? null : Math.round(10_000.0 * onTime / scheduled) / 10_000.0, each,
                "Not for clinical use. On time: taken within " + window.toMinutes() + " min of the scheduled time;"
                        + " PDC: days on which every scheduled dose was taken / days with scheduled doses (PQA).");
    }
}
