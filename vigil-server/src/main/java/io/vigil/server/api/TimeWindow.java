package io.vigil.server.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** A window [from, to) a request asks about, checked: from before to, no longer than a limit. */
public record TimeWindow(Instant from, Instant to) {

    /**
     * The window of optional {@code from} and {@code to} parameters: {@code to} defaults to now, {@code from} to
     * {@code defaultLength} before {@code to}; 400 VIGIL-1201 when from is not before to or the window is longer than
     * {@code longest}.
     */
    public static TimeWindow requested(Instant from, Instant to, Clock clock, Duration defaultLength, Duration longest) {
        Instant end = to != null ? to : clock.instant();
        Instant start = from != null ? from : end.minus(defaultLength);
        if (!start.isBefore(end)) {
            throw ApiException.invalid("from", "from must be before to");
        }
        if (Duration.between(start, end).compareTo(longest) > 0) {
            throw ApiException.invalid("from", "The window covers at most " + longest.toDays() + " days");
        }
        return new TimeWindow(start, end);
    }

    public Duration length() {
        return Duration.between(from, to);
    }
}
