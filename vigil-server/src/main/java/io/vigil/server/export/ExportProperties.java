package io.vigil.server.export;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * FHIR Bulk Data export (prefix {@code vigil.export}). Files are written under {@code <vigil.data-dir>/exports} and
 * deleted {@code retention} after their export completes (or at once when it is cancelled).
 *
 * @param retention  how long a finished export's files stay downloadable
 * @param maxJobs    exports that may be running or downloadable at once; the next kick-off answers 429
 * @param retryAfter what a client polling a running export is told to wait ({@code Retry-After})
 */
@ConfigurationProperties("vigil.export")
public record ExportProperties(
        @DefaultValue("1h") Duration retention,
        @DefaultValue("8") int maxJobs,
        @DefaultValue("2s") Duration retryAfter) {

    public ExportProperties {
        if (retention.isNegative() || retention.isZero() || retryAfter.isNegative() || retryAfter.isZero()) {
            throw new IllegalArgumentException("vigil.export durations must be positive");
        }
        if (maxJobs < 1) {
            throw new IllegalArgumentException("vigil.export.max-jobs must be at least 1");
        }
    }
}
