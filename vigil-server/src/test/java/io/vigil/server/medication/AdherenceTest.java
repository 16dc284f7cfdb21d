package io.vigil.server.medication;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdherenceTest {
    private static final Instant DAY0 = Instant.parse("2026-03-02T00:00:00Z");
    private static final Duration WINDOW = Duration.ofMinutes(60);

    private static MedicationSchedule tid(ZoneId zone, List<LocalTime> times) {
        return new MedicationSchedule("ms-1", "p-1", "d-1", new MedicationSchedule.Medication(null, null, "Amlodipine"),
                new DosageTiming(3, 1, "d", times, false, zone, DAY0, null), null, MedicationSchedule.ACTIVE, DAY0, "clinician");
    }

    private static Instant at(int day, int hour, int minute) {
        return DAY0.plus(Duration.ofDays(day)).plusSeconds(hour * 3600L + minute * 60L);
    }

    private static DispenserEvent event(String id, DispenserEventType type, Instant time, Instant dueAt) {
        return new DispenserEvent(id, "d-1", id, type, time, time, "p-1", "ms-1", dueAt, null, null, null);
    }

    @Test
    void threeTimesDaily_withoutTimesOfDay_spreadsOverTheWakingDay() {
        assertThat(tid(ZoneOffset.UTC, List.of()).timing().dueBetween(DAY0, at(1, 0, 0)))
                .containsExactly(at(0, 8, 0), at(0, 14, 0), at(0, 20, 0));
    }

    @Test
    void timesOfDay_areLocalToTheZone_acrossADaylightSavingChange() {
        // Europe/Paris moves to summer time on 2026-03-29: 08:00 local is 07:00Z before, 06:00Z after.
        DosageTiming daily = new DosageTiming(1, 1, "d", List.of(LocalTime.of(8, 0)), false, ZoneId.of("Europe/Paris"),
                Instant.parse("2026-03-28T00:00:00Z"), null);
        assertThat(daily.dueBetween(Instant.parse("2026-03-28T00:00:00Z"), Instant.parse("2026-03-30T00:00:00Z")))
                .containsExactly(Instant.parse("2026-03-28T07:00:00Z"), Instant.parse("2026-03-29T06:00:00Z"));
    }

    @Test
    void everyEightHours_andPrn() {
        DosageTiming q8h = new DosageTiming(1, 8, "h", List.of(), false, ZoneOffset.UTC, at(0, 6, 0), null);
        assertThat(q8h.dueBetween(DAY0, at(1, 0, 0))).containsExactly(at(0, 6, 0), at(0, 14, 0), at(0, 22, 0));
        DosageTiming prn = new DosageTiming(1, 1, "d", List.of(), true, ZoneOffset.UTC, DAY0, null);
        assertThat(prn.dueBetween(DAY0, at(5, 0, 0))).isEmpty();
    }

    @Test
    void adherence_matchesTheWorkedExample() {
        List<DispenserEvent> events = new ArrayList<>(List.of(
                event("a", DispenserEventType.DOSE_TAKEN, at(0, 8, 10), null),
                event("b", DispenserEventType.DOSE_TAKEN, at(0, 14, 59), null),
                event("c", DispenserEventType.DOSE_REMOVED, at(0, 19, 0), null),
                event("d", DispenserEventType.DOSE_TAKEN, at(1, 8, 5), null),
                event("e", DispenserEventType.DOSE_TAKEN, at(1, 16, 0), null),
                event("f", DispenserEventType.DOSE_MISSED, at(1, 21, 0), at(1, 20, 0)),
                event("g", DispenserEventType.DOSE_TAKEN, at(2, 7, 30), null),
                event("h", DispenserEventType.DOSE_TAKEN, at(2, 14, 45), null)));
        MedicationAdherence a = Adherence.of(tid(ZoneOffset.UTC, List.of()), events, DAY0, at(3, 0, 0), at(10, 0, 0), WINDOW);
        assertThat(a.scheduled()).isEqualTo(9);
        assertThat(a.onTime()).isEqualTo(6);
        assertThat(a.late()).isEqualTo(1);
        assertThat(a.missed()).isEqualTo(2);
        assertThat(a.onTimeRate()).isEqualTo(0.6667);
        assertThat(a.pdc()).isEqualTo(0.3333);
        assertThat(a.days()).extracting(MedicationAdherence.Day::outcome).containsExactly("on-time", "missed", "missed");
    }

    @Test
    void aDoseWhoseWindowIsOpen_isPending_andItsDayNotCounted() {
        Instant now = at(0, 14, 30);
        MedicationAdherence a = Adherence.of(tid(ZoneOffset.UTC, List.of()),
                List.of(event("a", DispenserEventType.DOSE_TAKEN, at(0, 8, 0), null)), DAY0, at(1, 0, 0), now, WINDOW);
        assertThat(a.scheduled()).isEqualTo(1);
        assertThat(a.pending()).isEqualTo(2);
        assertThat(a.daysCounted()).isZero();
        assertThat(a.pdc()).isNull();
    }

    @Test
    void exactlyAtTheWindowsEdge_isOnTime_aSecondMoreIsLate() {
        MedicationAdherence a = Adherence.of(tid(ZoneOffset.UTC, List.of()), List.of(
                        event("a", DispenserEventType.DOSE_TAKEN, at(0, 9, 0), null),
                        event("b", DispenserEventType.DOSE_TAKEN, at(0, 15, 0).plusSeconds(1), null)),
                DAY0, at(0, 16, 0), at(5, 0, 0), WINDOW);
        assertThat(a.doses()).extracting(MedicationAdherence.Dose::outcome).containsExactly("on-time", "late");
    }
}
