package io.vigil.server.web;

import java.time.Duration;
import java.time.Instant;

/**
 * How old a reading is, as the page says it ("12 s ago", "3 min ago") and whether it is stale, at one
 * instant. ward.js says the same in the browser, every second. Public for the page template.
 */
public final class ReadingAge {
    private final Instant now;

    ReadingAge(Instant now) {
        this.now = now;
    }

    /** The age of an ISO-8601 instant, e.g. {@code 3 min ago}. */
    public String describe(String time) {
        return describe(Duration.between(Instant.parse(time), now));
    }

    static String describe(Duration age) {
        long seconds = age.toSeconds();
        if (seconds < 1) {
            return "just now";
        }
        if (seconds < 60) {
            return seconds + " s ago";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min ago";
        }
        if (seconds < 48 * 3600) {
            return seconds / 3600 + " h ago";
        }
        return seconds / 86_400 + " d ago";
    }

    /** Whether the value is older than its staleness threshold. */
    public boolean stale(VitalReading reading) {
        return Duration.between(Instant.parse(reading.time()), now).toSeconds() > reading.staleAfter();
    }
}
