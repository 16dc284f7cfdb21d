package io.vigil.server.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void burst_isAdmittedAtOnce_thenOneTokenPerInterval() {
        TokenBucket bucket = new TokenBucket(3, 2, T0);
        for (int i = 0; i < 3; i++) {
            assertThat(bucket.admits(T0)).as("token " + i).isTrue();
            bucket.charge(1, T0);
        }
        assertThat(bucket.admits(T0)).isFalse();
        assertThat(bucket.untilAdmitted(T0)).isEqualTo(Duration.ofMillis(500));
        assertThat(bucket.admits(T0.plusMillis(499))).isFalse();
        assertThat(bucket.admits(T0.plusMillis(500))).isTrue();
    }

    @Test
    void overdraft_admitsOneLargeCharge_thenWaitsUntilRepaid() {
        TokenBucket bucket = new TokenBucket(10, 1, T0);
        bucket.charge(100, T0);
        assertThat(bucket.admits(T0.plusSeconds(90))).isFalse();
        assertThat(bucket.untilAdmitted(T0.plusSeconds(90))).isEqualTo(Duration.ofSeconds(1));
        assertThat(bucket.admits(T0.plusSeconds(91))).isTrue();
    }

    @Test
    void refill_stopsAtTheCapacity() {
        TokenBucket bucket = new TokenBucket(2, 1, T0);
        bucket.charge(2, T0);
        assertThat(bucket.isFull(T0.plusSeconds(3600))).isTrue();
        bucket.charge(2, T0.plusSeconds(3600));
        assertThat(bucket.admits(T0.plusSeconds(3600))).as("an hour's rest earns no more than the burst").isFalse();
    }

    @Test
    void clockGoingBack_doesNotRefill() {
        TokenBucket bucket = new TokenBucket(1, 1, T0);
        bucket.charge(1, T0);
        assertThat(bucket.admits(T0.minusSeconds(10))).isFalse();
        assertThat(bucket.admits(T0.plusSeconds(1))).isTrue();
    }

    @Test
    void buckets_stayBounded_forgettingFullBucketsFirst() {
        TokenBuckets buckets = new TokenBuckets(5, 1, 100);
        buckets.of("busy", T0).charge(5, T0);
        for (int i = 0; i < 1000; i++) {
            buckets.of("quiet-" + i, T0);
        }
        assertThat(buckets.size()).isLessThanOrEqualTo(100);
        assertThat(buckets.of("busy", T0).admits(T0)).as("the spent bucket was kept").isFalse();
    }
}
