package io.vigil.server.access;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who-sees-which-patient settings (prefix {@code vigil.access}).
 *
 * @param breakGlassFor   how long a break-glass grant lasts: long enough for an emergency, short enough that access
 *                        outside the care team is never left open (default 2 hours)
 * @param minReasonLength the fewest characters a break-glass reason may have
 */
@ConfigurationProperties("vigil.access")
public record AccessProperties(@DefaultValue("2h") Duration breakGlassFor, @DefaultValue("10") int minReasonLength) {
    public AccessProperties {
        if (breakGlassFor.isNegative() || breakGlassFor.isZero() || breakGlassFor.compareTo(Duration.ofHours(24)) > 0) {
            throw new IllegalArgumentException("vigil.access.break-glass-for must be more than zero and at most 24h");
        }
    }
}
