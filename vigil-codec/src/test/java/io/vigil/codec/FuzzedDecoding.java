package io.vigil.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

/**
 * What every Jazzer target asserts of one decode: an answer (never an exception, which Jazzer reports by
 * itself), a refusal that carries a stable code, a readable reason and an offset inside the payload, and an
 * answer in bounded time. Two bounds: {@link #PER_INPUT}, checked once an input returns, catches super-linear work;
 * {@link #HANG_SECONDS}, each target's {@code @Timeout}, cuts off an input that never returns. In regression mode
 * (every build) JUnit enforces it on each seed, from a separate thread so that a busy loop cannot hold it off; when
 * fuzzing, Jazzer passes it to libFuzzer as {@code -timeout} for every input (and the {@code fuzzing} Maven profile
 * turns JUnit's own timeouts off, which would otherwise bound the whole run).
 */
public final class FuzzedDecoding {
    /** Far above any real decode (microseconds), far below "hung"; generous for a cold JVM on a loaded machine. */
    public static final Duration PER_INPUT = Duration.ofSeconds(5);
    /** An input still running after this many seconds has hung: the target fails. */
    public static final long HANG_SECONDS = 10;

    private FuzzedDecoding() {
    }

    public static <T> void check(DecodeResult<T> result, int payloadLength, long startedNanos) {
        Duration took = Duration.ofNanos(System.nanoTime() - startedNanos);
        assertThat(took).as("decode of %d bytes", payloadLength).isLessThan(PER_INPUT);
        assertThat(result).isNotNull();
        if (result instanceof DecodeResult.Failure<T> failure) {
            DecodeError error = failure.error();
            assertThat(error.code()).isNotNull();
            assertThat(error.code().code()).matches("VIGIL-\\d{4}");
            assertThat(error.reason()).isNotBlank();
            assertThat(error.offset()).isBetween(-1, payloadLength);
        } else {
            assertThat(((DecodeResult.Ok<T>) result).value()).isNotNull();
        }
    }
}
