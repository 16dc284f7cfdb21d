package io.vigil.analytics.ecg.wfdb;

/**
 * Outcome of reading a WFDB file: the decoded value, or why the bytes could not be read.
 * Readers never throw on malformed input.
 */
public sealed interface WfdbRead<T> {

    /** Decoded value. */
    record Ok<T>(T value) implements WfdbRead<T> {
    }

    /** The input was malformed or truncated; {@code offset} is the byte or line where reading stopped. */
    record Failure<T>(String reason, long offset) implements WfdbRead<T> {
    }

    static <T> WfdbRead<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> WfdbRead<T> failure(String reason, long offset) {
        return new Failure<>(reason, offset);
    }

    /** The value, or an {@link IllegalStateException} naming the failure (for callers that trust their files). */
    default T orElseThrow() {
        return switch (this) {
            case Ok<T> ok -> ok.value();
            case Failure<T> f -> throw new IllegalStateException(f.reason() + " at offset " + f.offset());
        };
    }
}
