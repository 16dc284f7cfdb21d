package io.vigil.server.ingest;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long, and how many, Glucose Measurement Contexts (0x2A34) are held while their Glucose Measurement (0x2A18)
 * has not arrived (prefix {@code vigil.ingest.glucose-context}; listed in docs/configuration.md).
 *
 * @param hold    a context whose measurement does not arrive within this time goes to the dead-letter list
 * @param maxHeld contexts held at once, all devices together; one more is refused at once
 */
@ConfigurationProperties("vigil.ingest.glucose-context")
record GlucoseContextProperties(@DefaultValue("30s") Duration hold, @DefaultValue("1000") int maxHeld) {
    GlucoseContextProperties {
        if (hold.isNegative() || hold.isZero() || hold.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("vigil.ingest.glucose-context.hold must be more than 0 and at most 10m");
        }
        if (maxHeld < 0) {
            throw new IllegalArgumentException("vigil.ingest.glucose-context.max-held must be 0 or more");
        }
    }
}
