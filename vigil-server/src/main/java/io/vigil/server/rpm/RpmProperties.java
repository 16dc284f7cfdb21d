package io.vigil.server.rpm;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The remote-patient-monitoring worklist's settings (prefix {@code vigil.rpm}).
 *
 * @param units            care units whose patients are monitored at home: the worklist's caseload
 * @param missingDataAfter a patient with no reading for this long is flagged "missing data"
 * @param requiredDays     days with readings in a calendar month that RPM billing usually asks for (16)
 */
@ConfigurationProperties("vigil.rpm")
public record RpmProperties(
        @DefaultValue("home") List<String> units,
        @DefaultValue("24h") Duration missingDataAfter,
        @DefaultValue("16") int requiredDays) {

    public RpmProperties {
        units = List.copyOf(units);
        if (requiredDays < 1 || requiredDays > 31 || missingDataAfter.isNegative() || missingDataAfter.isZero()) {
            throw new IllegalArgumentException("vigil.rpm: required-days is 1 to 31, missing-data-after is positive");
        }
    }
}
