package io.vigil.server.medication;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Works out, from a schedule and its dispenser events, what became of each scheduled dose and the adherence figures
 * (pure: no clock, no store). A take (dose-taken or dose-removed) decides the dose it names ({@code dueAt}), else the
 * undecided dose nearest to it; it is on time within {@code window} of the scheduled time, late otherwise. A dose with
 * no take is missed once its window has passed (or when the dispenser reported it missed), pending before.
 * Proportion of days covered follows the PQA definition (days covered / days in the period) with a dispenser's
 * evidence in place of pharmacy fills: a day is covered when every dose scheduled that day was taken.
 */
final class Adherence {
    private Adherence() {
    }

    static MedicationAdherence of(MedicationSchedule schedule, List<DispenserEvent> events, Instant from, Instant to,
                                  Instant now, Duration window) {
        // Doses a little outside the window still attract their own takes, so that those are not matched inside it.
        List<Instant> due = schedule.timing().dueBetween(from.minus(Duration.ofDays(1)), to.plus(Duration.ofDays(1)));
        Map<Instant, DispenserEvent> takes = new HashMap<>();
        Map<Instant, DispenserEvent> missedReports = new HashMap<>();
        List<DispenserEvent> ordered = events.stream().filter(e -> schedule.id().equals(e.scheduleId()))
                .sorted(Comparator.comparing(DispenserEvent::time)).toList();
        for (DispenserEvent e : ordered) {
            if (e.type().taken()) {
                nearest(due, e, takes).ifPresent(d -> takes.put(d, e));
            } else if (e.type() == DispenserEventType.DOSE_MISSED) {
                nearest(due, e, missedReports).ifPresent(d -> missedReports.put(d, e));
            }
        }
        List<MedicationAdherence.Dose> doses = new ArrayList<>();
        Map<LocalDate, List<DoseOutcome>> byDay = new TreeMap<>();
        int onTime = 0;
        int late = 0;
        int missed = 0;
        int pending = 0;
        for (Instant d : due) {
            if (d.isBefore(from) || !d.isBefore(to)) {
                continue;
            }
            DispenserEvent take = takes.get(d);
            DoseOutcome outcome;
            if (take != null) {
                outcome = Duration.between(d, take.time()).abs().compareTo(window) <= 0 ? DoseOutcome.ON_TIME : DoseOutcome.LATE;
            } else if (missedReports.containsKey(d) || !d.plus(window).isAfter(now)) {
                outcome = DoseOutcome.MISSED;
            } else {
                outcome = DoseOutcome.PENDING;
            }
            switch (outcome) {
                case ON_TIME -> onTime++;
                case LATE -> late++;
                case MISSED -> missed++;
                case PENDING -> pending++;
            }
            DispenserEvent decided = take != null ? take : missedReports.get(d);
            doses.add(new MedicationAdherence.Dose(d, outcome.code(), take == null ? null : take.time(),
                    decided == null ? null : decided.id()));
            byDay.computeIfAbsent(LocalDate.ofInstant(d, schedule.timing().zone()), k -> new ArrayList<>()).add(outcome);
        }
        List<MedicationAdherence.Day> days = new ArrayList<>();
        int counted = 0;
        int covered = 0;
        for (Map.Entry<LocalDate, List<DoseOutcome>> day : byDay.entrySet()) {
            List<DoseOutcome> outcomes = day.getValue();
            int taken = (int) outcomes.stream().filter(DoseOutcome::taken).count();
            DoseOutcome worst = outcomes.contains(DoseOutcome.MISSED) ? DoseOutcome.MISSED
                    : outcomes.contains(DoseOutcome.PENDING) ? DoseOutcome.PENDING
                    : outcomes.contains(DoseOutcome.LATE) ? DoseOutcome.LATE : DoseOutcome.ON_TIME;
            days.add(new MedicationAdherence.Day(day.getKey(), worst.code(), outcomes.size(), taken));
            if (!outcomes.contains(DoseOutcome.PENDING)) {
                counted++;
                if (taken == outcomes.size()) {
                    covered++;
                }
            }
        }
        int scheduled = onTime + late + missed;
        return new MedicationAdherence(schedule.id(), schedule.medication().text(), schedule.timing().asNeeded(),
                scheduled, onTime, late, missed, pending, ratio(onTime, scheduled), ratio(onTime + late, scheduled),
                counted, covered, ratio(covered, counted), doses, days);
    }

    /** The dose an event is about: the one it names, or the undecided due time nearest to it. */
    private static java.util.Optional<Instant> nearest(List<Instant> due, DispenserEvent e, Map<Instant, DispenserEvent> decided) {
        if (e.dueAt() != null) {
            return due.contains(e.dueAt()) && !decided.containsKey(e.dueAt())
                    ? java.util.Optional.of(e.dueAt()) : java.util.Optional.empty();
        }
        return due.stream().filter(d -> !decided.containsKey(d))
                .min(Comparator.comparing(d -> Duration.between(d, e.time()).abs()));
    }

    private static Double ratio(int part, int whole) {
        return whole == 0 ? null : Math.round(10_000.0 * part / whole) / 10_000.0;
    }
}
