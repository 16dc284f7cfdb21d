package io.vigil.server.medication;

import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Medication dispensers and adherence (prefix {@code vigil.medication}).
 *
 * @param onTimeWindow    a dose taken within this much of its scheduled time is on time (default ±60 min); a dose
 *                        not taken by then is missed
 * @param zone            the time zone of schedules that name none (times of day are local to the patient)
 * @param commandRetry    a command not acknowledged for this long is sent again
 * @param commandAttempts after this many sends without acknowledgement a command is {@code expired}
 * @param watchEvery      how often missed doses and unacknowledged commands are looked for
 */
@ConfigurationProperties("vigil.medication")
public record MedicationProperties(
        @DefaultValue("60m") Duration onTimeWindow,
        @DefaultValue("UTC") ZoneId zone,
        @DefaultValue("60s") Duration commandRetry,
        @DefaultValue("5") int commandAttempts,
        @DefaultValue("30s") Duration watchEvery) {

    public MedicationProperties {
        if (onTimeWindow.isNegative() || onTimeWindow.isZero() || onTimeWindow.compareTo(Duration.ofHours(12)) > 0) {
            throw new IllegalArgumentException("vigil.medication.on-time-window is more than 0 and at most 12h");
        }
        if (commandRetry.isNegative() || commandRetry.isZero() || watchEvery.isNegative() || watchEvery.isZero()
                || commandAttempts < 1 || commandAttempts > 100) {
            throw new IllegalArgumentException("vigil.medication: command-retry and watch-every are positive,"
                    + " command-attempts is 1 to 100");
        }
    }
}
