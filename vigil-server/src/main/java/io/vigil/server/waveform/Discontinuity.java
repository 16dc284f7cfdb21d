package io.vigil.server.waveform;

import java.time.Duration;
import java.time.Instant;

/**
 * A break in a device's frame stream, as found on arrival.
 *
 * @param kind             {@code gap} (frames or time missing) or {@code overlap} (repeated or earlier than expected)
 * @param expectedSequence the sequence number that should have come next
 * @param sequence         the one that came
 * @param at               where the frame that broke the stream starts
 * @param size             time missing (gap) or doubled (overlap); zero when only the sequence number broke
 */
record Discontinuity(String kind, long expectedSequence, long sequence, Instant at, Duration size) {
    static final String GAP = "gap";
    static final String OVERLAP = "overlap";
}
