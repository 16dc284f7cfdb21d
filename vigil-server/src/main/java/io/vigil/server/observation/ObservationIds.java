package io.vigil.server.observation;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Time-ordered 64-bit ids: milliseconds since 2025-01-01 in the high bits, a node number (0–15) and a
 * per-millisecond sequence below. Ordered by creation, unique per node without a database round trip.
 */
public final class ObservationIds {
    private static final long EPOCH_MILLIS = 1_735_689_600_000L; // 2025-01-01T00:00:00Z
    private static final int SEQUENCE_BITS = 18;
    private static final int NODE_BITS = 4;

    private final Clock clock;
    private final long node;
    private final AtomicLong last = new AtomicLong();

    public ObservationIds(Clock clock, int node) {
        if (node < 0 || node >= (1 << NODE_BITS)) {
            throw new IllegalArgumentException("node must be 0–15");
        }
        this.clock = clock;
        this.node = node;
    }

    public long next() {
        long floor = ((clock.millis() - EPOCH_MILLIS) << (SEQUENCE_BITS + NODE_BITS)) | (node << SEQUENCE_BITS);
        return last.updateAndGet(previous -> {
            long candidate = Math.max(floor, previous + 1);
            return ((candidate >>> SEQUENCE_BITS) & ((1 << NODE_BITS) - 1)) == node
                    ? candidate
                    : nextSlotFor(candidate);
        });
    }

    private long nextSlotFor(long candidate) {
        long millis = candidate >>> (SEQUENCE_BITS + NODE_BITS);
        return ((millis + 1) << (SEQUENCE_BITS + NODE_BITS)) | (node << SEQUENCE_BITS);
    }
}
