package io.vigil.server.throttle;

import java.time.Duration;
import java.time.Instant;

/**
 * An allowance that refills at a steady rate up to a capacity (the burst). A caller may overdraw it — charge more
 * than is left — so that one large but legitimate message (a CGM's backlog) still passes; what was overdrawn must
 * refill before the next one is admitted. Time is passed in, so a test drives it with a fixed clock.
 */
public final class TokenBucket {
    private final double capacity;
    private final double perSecond;
    private double tokens;
    private Instant updated;

    public TokenBucket(double capacity, double perSecond, Instant now) {
        if (capacity < 1 || perSecond <= 0) {
            throw new IllegalArgumentException("a token bucket needs a capacity of at least 1 and a positive rate");
        }
        this.capacity = capacity;
        this.perSecond = perSecond;
        this.tokens = capacity;
        this.updated = now;
    }

    /** Whether at least one token is left: the next message or attempt may go ahead. */
    public synchronized boolean admits(Instant now) {
        refill(now);
        return tokens >= 1;
    }

    /** Takes {@code count} tokens, overdrawing the bucket if need be. */
    public synchronized void charge(double count, Instant now) {
        refill(now);
        tokens -= count;
    }

    /** How long until one token is left again (zero when one is left now). */
    public synchronized Duration untilAdmitted(Instant now) {
        refill(now);
        if (tokens >= 1) {
            return Duration.ZERO;
        }
        return Duration.ofNanos((long) Math.ceil((1 - tokens) / perSecond * 1e9));
    }

    /** A full bucket is the same as a new one: it can be forgotten without losing anything. */
    synchronized boolean isFull(Instant now) {
        refill(now);
        return tokens >= capacity;
    }

    private void refill(Instant now) {
        if (now.isAfter(updated)) {
            double seconds = Duration.between(updated, now).toNanos() / 1e9;
            tokens = Math.min(capacity, tokens + seconds * perSecond);
            updated = now;
        }
    }
}
