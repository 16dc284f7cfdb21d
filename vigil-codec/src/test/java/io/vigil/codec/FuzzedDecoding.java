package io.vigil.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

/**
 * What every Jazzer target asserts of one decode: an answer (never an exception, which Jazzer reports by
 * itself), a refusal that carries a stable code, a readable reason and an offset inside the payload, and an
 * answer in bounded time. The per-input bound catches super-linear work; a true endless loop is caught by
 * Jazzer's own per-input timeout when fuzzing.
 */
public final class FuzzedDecoding {
    /** Far above any real decode (microseconds), far below "hung"; generous for a cold JVM on a loaded machine. */
    public static final Duration PER_INPUT = Duration.ofSeconds(5);

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
