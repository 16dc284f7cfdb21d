package io.vigil.server.ingest;

import io.vigil.model.ObservationRecord;
import io.vigil.server.alert.Listening;
import io.vigil.server.observation.ObservationEvents;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * How far the analytics listeners (limits, NEWS2, alerts) run behind ingest: a listener on the same bus that notes,
 * for each batch it is handed, how long ago its newest reading was received. A lag noted longer ago than the limit
 * itself no longer counts (the bus has drained, or nothing is being sent), so a quiet system is never "behind".
 */
@Component
class AnalyticsLag extends Listening {
    private final ObservationEvents events;
    private final Clock clock;
    private volatile long lagMillis;
    private volatile long notedAtMillis;

    AnalyticsLag(ObservationEvents events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    @Override
    protected AutoCloseable listen() {
        return events.subscribe(this::onStored);
    }

    private void onStored(List<ObservationRecord> stored) {
        Instant newest = Instant.MIN;
        for (ObservationRecord record : stored) {
            if (record.receivedAt().isAfter(newest)) {
                newest = record.receivedAt();
            }
        }
        long now = clock.millis();
        if (newest != Instant.MIN) {
            lagMillis = Math.max(0, now - newest.toEpochMilli());
            notedAtMillis = now;
        }
    }

    /** Whether the analytics listeners were, lately, more than {@code limit} behind. */
    boolean behind(Duration limit) {
        long max = limit.toMillis();
        return lagMillis > max && clock.millis() - notedAtMillis < max;
    }

    Duration lag() {
        return Duration.ofMillis(lagMillis);
    }
}
