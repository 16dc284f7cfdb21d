package io.vigil.codec.sun;

import java.util.Objects;

/** The outcome of reading or verifying a SUN message: a value, or a refusal with its reason. Never an exception. */
public sealed interface SunResult<T> {

    record Ok<T>(T value) implements SunResult<T> {
        public Ok {
            Objects.requireNonNull(value, "value");
        }
    }

    /** @param detail a sentence for the integrator; never contains key material */
    record Refused<T>(SunRefusal reason, String detail) implements SunResult<T> {
        public Refused {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }

    static <T> SunResult<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> SunResult<T> refused(SunRefusal reason, String detail) {
        return new Refused<>(reason, detail);
    }
}
