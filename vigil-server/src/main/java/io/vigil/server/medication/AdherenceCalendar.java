package io.vigil.server.medication;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A month of one medication's adherence as calendar weeks (Monday first) for the web page: each day taken on time,
 * late, missed, pending or not scheduled.
 */
final class AdherenceCalendar {
    /** One day cell; {@code outcome} is a DoseOutcome code or {@code none} (nothing scheduled). */
    record Cell(LocalDate date, boolean inMonth, String outcome, String label, int scheduled, int taken) {}

    /** One medication's month. */
    record Month(String medication, boolean asNeeded, MedicationAdherence figures, List<List<Cell>> weeks) {}

    private AdherenceCalendar() {
    }

    static Month of(YearMonth month, MedicationAdherence adherence) {
        Map<LocalDate, MedicationAdherence.Day> byDate = adherence.days().stream()
                .collect(Collectors.toMap(MedicationAdherence.Day::date, Function.identity()));
        List<List<Cell>> weeks = new ArrayList<>();
        LocalDate first = month.atDay(1).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        LocalDate last = month.atEndOfMonth().with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
        List<Cell> week = new ArrayList<>();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            boolean inMonth = YearMonth.from(d).equals(month);
            MedicationAdherence.Day day = inMonth ? byDate.get(d) : null;
            String outcome = day == null ? "none" : day.outcome();
            week.add(new Cell(d, inMonth, outcome, label(outcome, day), day == null ? 0 : day.scheduled(),
                    day == null ? 0 : day.taken()));
            if (week.size() == 7) {
                weeks.add(week);
                week = new ArrayList<>();
            }
        }
        return new Month(adherence.medication(), adherence.asNeeded(), adherence, weeks);
    }

    private static String label(String outcome, MedicationAdherence.Day day) {
        return switch (outcome) {
            case "on-time" -> "all taken on time";
            case "late" -> "taken, some late";
            case "missed" -> day.taken() + " of " + day.scheduled() + " taken, missed";
            case "pending" -> "doses still due";
            default -> "not scheduled";
        };
    }
}
