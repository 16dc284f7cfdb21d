package io.vigil.server.throttle;

import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link TokenBucket} per key (a device id, a client address), held in memory and bounded: when the map is
 * full, full buckets are forgotten first (they equal new ones); if it is still full — a flood of distinct keys —
 * arbitrary buckets go too, so memory stays bounded at the price of forgetting some allowances.
 */
public final class TokenBuckets {
    private final double capacity;
    private final double perSecond;
    private final int maxKeys;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    public TokenBuckets(double capacity, double perSecond, int maxKeys) {
        this.capacity = capacity;
        this.perSecond = perSecond;
        this.maxKeys = maxKeys;
    }

    public TokenBucket of(String key, Instant now) {
        TokenBucket bucket = buckets.get(key);
        if (bucket != null) {
            return bucket;
        }
        if (buckets.size() >= maxKeys) {
            makeRoom(now);
        }
        return buckets.computeIfAbsent(key, k -> new TokenBucket(capacity, perSecond, now));
    }

    int size() {
        return buckets.size();
    }

    private synchronized void makeRoom(Instant now) {
        if (buckets.size() < maxKeys) {
            return;
        }
        buckets.values().removeIf(bucket -> bucket.isFull(now));
        Iterator<String> keys = buckets.keySet().iterator();
        while (buckets.size() >= maxKeys * 9L / 10 && keys.hasNext()) {
            keys.next();
            keys.remove();
        }
    }
}
