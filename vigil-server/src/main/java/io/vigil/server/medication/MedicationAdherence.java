package io.vigil.server.medication;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Adherence to one schedule over a window (docs/clinical.md, "Medication adherence"). Not for clinical use.
 *
 * @param scheduled   doses due in the window whose outcome is known (pending ones are left out)
 * @param onTimeRate  onTime / scheduled, or null when nothing was scheduled
 * @param takenRate   (onTime + late) / scheduled, or null
 * @param daysCounted days in the window with a scheduled dose, all of whose doses are decided
 * @param daysCovered of those, the days on which every scheduled dose was taken
 * @param pdc         proportion of days covered: daysCovered / daysCounted, or null
 */
public record MedicationAdherence(String scheduleId, String medication, boolean asNeeded, int scheduled, int onTime,
                                  int late, int missed, int pending, Double onTimeRate, Double takenRate,
                                  int daysCounted, int daysCovered, Double pdc, List<Dose> doses, List<Day> days) {

    /**
     * @param takenAt when it was taken, or null
     * @param eventId the dispenser event that decided it (taken or missed), or null
     */
    public record Dose(Instant dueAt, String outcome, Instant takenAt, String eventId) {}

    /** One calendar day of one medication: its worst outcome ({@code missed} over {@code late} over {@code on-time}). */
    public record Day(LocalDate date, String outcome, int scheduled, int taken) {}
}
