package io.vigil.server.rpm;

import java.time.Instant;

/**
 * One row of the RPM worklist: a home patient with what makes them need attention and this month's billing figures.
 *
 * @param openAlerts       alerts not yet resolved
 * @param highAlerts       of those, high priority
 * @param recentAlerts     alerts raised in the last 7 days (out-of-range episodes), whatever their state
 * @param lastReading      time of the newest reading, or null if none
 * @param missingData      no reading for longer than {@code vigil.rpm.missing-data-after}
 * @param monitoredSeconds monitoring time this month (chart and manual)
 * @param daysWithReadings UTC days of this month with at least one reading
 * @param meetsDays        whether daysWithReadings reaches {@code vigil.rpm.required-days}
 */
public record RpmPatient(String patient, String name, String mrn, String unit, int openAlerts, int highAlerts,
                         int recentAlerts, Instant lastReading, boolean missingData, long monitoredSeconds,
                         int daysWithReadings, boolean meetsDays) {

    /** Whole minutes monitored (rounded down, as time-based billing counts). */
    public long monitoredMinutes() {
        return monitoredSeconds / 60;
    }
}
