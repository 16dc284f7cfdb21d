package io.vigil.server.medication;

import io.vigil.analytics.alert.ConditionEvent;
import io.vigil.server.alert.AlertConditions;
import io.vigil.server.alert.Listening;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Every {@code vigil.medication.watch-every}: raises a missed-dose alert for each scheduled dose whose on-time window
 * has passed with no take (each dose is looked at once: a schedule remembers up to when it was checked, starting
 * when it was created), and sends unacknowledged dispenser commands again.
 */
@Component
class MedicationWatch extends Listening {
    private static final Logger log = LoggerFactory.getLogger(MedicationWatch.class);

    private final ScheduleStore schedules;
    private final DispenserEventStore events;
    private final DispenserCommands commands;
    private final AlertConditions alerts;
    private final MedicationProperties settings;
    private final Clock clock;

    MedicationWatch(ScheduleStore schedules, DispenserEventStore events, DispenserCommands commands, AlertConditions alerts,
                    MedicationProperties settings, Clock clock) {
        this.schedules = schedules;
        this.events = events;
        this.commands = commands;
        this.alerts = alerts;
        this.settings = settings;
        this.clock = clock;
        repeat("vigil-medication-watch", settings.watchEvery(), this::tick);
    }

    @Override
    protected AutoCloseable listen() {
        return () -> {
        };
    }

    void tick() {
        try {
            missedDoses();
            commands.retry();
        } catch (RuntimeException e) {
            log.warn("event=medication.watch_failed", e);
        }
    }

    /** Checks the doses whose windows closed since the last look. */
    void missedDoses() {
        Duration window = settings.onTimeWindow();
        Instant closed = clock.instant().minus(window);
        for (ScheduleStore.Watched w : schedules.watched()) {
            if (!w.checkedUntil().isBefore(closed)) {
                continue;
            }
            MedicationSchedule s = w.schedule();
            List<Instant> due = s.timing().dueBetween(w.checkedUntil(), closed);
            if (!due.isEmpty()) {
                List<DispenserEvent> around = events.forPatient(s.patientId(), due.getFirst().minus(Duration.ofDays(1)),
                        closed.plus(window).plus(Duration.ofDays(1)));
                MedicationAdherence outcome = Adherence.of(s, around, due.getFirst(), closed, clock.instant(), window);
                outcome.doses().stream().filter(d -> DoseOutcome.MISSED.code().equals(d.outcome()) && d.eventId() == null)
                        .forEach(d -> {
                            log.info("event=medication.dose_missed patient={} schedule={} due={}", s.patientId(), s.id(), d.dueAt());
                            alerts.report(new ConditionEvent.Raised(MedicationAlerts.DOSE_MISSED, s.patientId(), 1,
                                    d.dueAt().plus(window)));
                        });
            }
            schedules.checkedUntil(s.id(), closed);
        }
    }
}
