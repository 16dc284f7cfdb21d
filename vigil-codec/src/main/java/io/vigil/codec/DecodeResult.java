package io.vigil.codec;

import java.util.Objects;
import java.util.function.Function;

/** The outcome of decoding untrusted device input: a value, or a failure with its reason. Never an exception. */
public sealed interface DecodeResult<T> {

    record Ok<T>(T value) implements DecodeResult<T> {
        public Ok {
            Objects.requireNonNull(value, "value");
        }
    }

    record Failure<T>(DecodeError error) implements DecodeResult<T> {
        public Failure {
            Objects.requireNonNull(error, "error");
        }
    }

    static <T> DecodeResult<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> DecodeResult<T> failure(DecodeError error) {
        return new Failure<>(error);
    }

    default <R> DecodeResult<R> map(Function<T, R> f) {
        return switch (this) {
            case Ok<T> ok -> new Ok<>(f.apply(ok.value()));
            case Failure<T> failure -> new Failure<>(failure.error());
        };
    }
}
