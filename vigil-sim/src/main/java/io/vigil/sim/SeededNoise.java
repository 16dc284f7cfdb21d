package io.vigil.sim;

import java.time.Duration;
import java.time.Instant;

/**
 * Random numbers that are a pure function of (seed, stream, index), so a patient's values at an instant do not
 * depend on who asked before or from which thread. Streams keep unrelated quantities independent.
 */
final class SeededNoise {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private final long seed;

    SeededNoise(long seed) {
        this.seed = seed;
    }

    /** Uniform in [0, 1). */
    double uniform(long stream, long index) {
        return (hash(stream, index) >>> 11) * 0x1.0p-53;
    }

    /** Standard normal (Box–Muller over two independent uniforms). */
    double gaussian(long stream, long index) {
        double u1 = uniform(stream, 2 * index);
        double u2 = uniform(stream, 2 * index + 1);
        return Math.sqrt(-2 * Math.log1p(-u1)) * Math.cos(2 * Math.PI * u2);
    }

    /**
     * A slowly varying standard-normal signal: independent values at knots {@code spacing} apart, joined by
     * cosine interpolation. Models physiological variability that drifts over minutes to hours.
     */
    double smooth(long stream, Instant time, Duration spacing) {
        long spacingMillis = spacing.toMillis();
        long millis = time.toEpochMilli();
        long knot = Math.floorDiv(millis, spacingMillis);
        double fraction = (double) Math.floorMod(millis, spacingMillis) / spacingMillis;
        double weight = (1 - Math.cos(Math.PI * fraction)) / 2;
        return gaussian(stream, knot) * (1 - weight) + gaussian(stream, knot + 1) * weight;
    }

    private long hash(long stream, long index) {
        return mix(seed * GOLDEN + mix(stream * GOLDEN + mix(index)));
    }

    /** SplitMix64's finaliser. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
