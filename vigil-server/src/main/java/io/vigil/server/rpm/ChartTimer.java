package io.vigil.server.rpm;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * How much of a chart heartbeat to credit: what the page claims, but never more than the time since the same
 * clinician's previous heartbeat for the same patient (two open tabs do not count twice) nor more than
 * {@link #LONGEST_BEAT}.
 */
@Component
class ChartTimer {
    static final int LONGEST_BEAT = 60;

    private record Viewing(String clinician, String patient) {}

    private final Map<Viewing, Instant> lastBeat = new ConcurrentHashMap<>();

    /** Seconds to credit for a heartbeat claiming {@code claimed} seconds at {@code now} (0: none). */
    int credit(String clinician, String patient, int claimed, Instant now) {
        Instant previous = lastBeat.put(new Viewing(clinician, patient), now);
        long sincePrevious = previous == null ? claimed : Math.max(0, Duration.between(previous, now).toSeconds());
        return (int) Math.min(Math.min(claimed, sincePrevious), LONGEST_BEAT);
    }
}
