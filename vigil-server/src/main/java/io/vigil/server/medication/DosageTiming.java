package io.vigil.server.medication;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * When doses are due: FHIR {@code Timing.repeat} reduced to what a dispenser needs — {@code frequency} doses per
 * {@code period} {@code periodUnit} (h, d or wk), at the given local times of day in the patient's zone. Without times
 * of day, a daily schedule spreads its doses over the waking day (08:00 to 20:00: once 08:00, twice 08:00 and 20:00,
 * three times 08:00, 14:00, 20:00, four times 08:00, 12:00, 16:00, 20:00); an hourly one counts from {@code start}.
 * An as-needed (PRN) schedule has no due doses.
 */
public record DosageTiming(int frequency, int period, String periodUnit, List<LocalTime> timesOfDay, boolean asNeeded,
                           ZoneId zone, Instant start, Instant end) {
    /** FHIR's event-timing codes (v3 TimingEvent) a schedule may use in {@code when}, as local times. */
    static final Map<String, LocalTime> WHEN = Map.ofEntries(
            Map.entry("MORN", LocalTime.of(8, 0)), Map.entry("NOON", LocalTime.of(12, 0)),
            Map.entry("AFT", LocalTime.of(15, 0)), Map.entry("EVE", LocalTime.of(18, 0)),
            Map.entry("NIGHT", LocalTime.of(22, 0)), Map.entry("HS", LocalTime.of(22, 0)),
            Map.entry("WAKE", LocalTime.of(7, 0)), Map.entry("C", LocalTime.of(12, 30)),
            Map.entry("CM", LocalTime.of(8, 0)), Map.entry("CD", LocalTime.of(12, 30)),
            Map.entry("CV", LocalTime.of(18, 30)), Map.entry("AC", LocalTime.of(12, 0)),
            Map.entry("ACM", LocalTime.of(7, 30)), Map.entry("ACD", LocalTime.of(12, 0)),
            Map.entry("ACV", LocalTime.of(18, 0)));
    private static final LocalTime DAY_START = LocalTime.of(8, 0);
    private static final int WAKING_HOURS = 12;
    /** At most this many doses are listed for one window (a year of hourly doses). */
    static final int MOST_DOSES = 9000;

    public DosageTiming {
        timesOfDay = timesOfDay.stream().sorted().distinct().toList();
    }

    /** The local times of day a daily or weekly schedule uses: the given ones, or spread over the waking day. */
    List<LocalTime> dailyTimes() {
        if (!timesOfDay.isEmpty()) {
            return timesOfDay;
        }
        List<LocalTime> times = new ArrayList<>();
        for (int i = 0; i < frequency; i++) {
            long minutes = frequency == 1 ? 0 : (long) WAKING_HOURS * 60 * i / (frequency - 1);
            times.add(DAY_START.plusMinutes(minutes));
        }
        return times;
    }

    /** The due times in [from, to), in order; none for PRN. */
    public List<Instant> dueBetween(Instant from, Instant to) {
        List<Instant> due = new ArrayList<>();
        Instant first = from.isBefore(start) ? start : from;
        Instant last = end != null && end.isBefore(to) ? end : to;
        if (asNeeded || !first.isBefore(last)) {
            return due;
        }
        if ("h".equals(periodUnit)) {
            Duration step = Duration.ofHours(period).dividedBy(frequency);
            long skipped = Math.max(0, Duration.between(start, first).toMillis() / step.toMillis());
            for (Instant t = start.plus(step.multipliedBy(skipped)); t.isBefore(last) && due.size() < MOST_DOSES; t = t.plus(step)) {
                if (!t.isBefore(first)) {
                    due.add(t);
                }
            }
            return due;
        }
        LocalDate startDay = LocalDate.ofInstant(start, zone);
        DayOfWeek weekday = startDay.getDayOfWeek();
        int everyDays = "wk".equals(periodUnit) ? 7 * period : period;
        List<LocalTime> times = dailyTimes();
        for (LocalDate day = LocalDate.ofInstant(first, zone).minusDays(1);
             !day.isAfter(LocalDate.ofInstant(last, zone)) && due.size() < MOST_DOSES; day = day.plusDays(1)) {
            long sinceStart = ChronoUnit.DAYS.between(startDay, day);
            boolean dosingDay = "wk".equals(periodUnit) ? day.getDayOfWeek() == weekday && sinceStart % everyDays == 0
                    : Math.floorMod(sinceStart, everyDays) == 0;
            if (!dosingDay) {
                continue;
            }
            for (LocalTime time : times) {
                Instant t = ZonedDateTime.of(day, time, zone).toInstant();
                if (!t.isBefore(first) && t.isBefore(last)) {
                    due.add(t);
                }
            }
        }
        return due;
    }
}
