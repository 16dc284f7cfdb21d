package io.vigil.bench;

import io.vigil.codec.DecodeResult;
import java.util.function.ToIntFunction;

/**
 * The readings a benchmark payload decodes to. Each benchmark divides its time by a fixed
 * {@code @OperationsPerInvocation}; its setup checks here that the payload really decodes to that many readings,
 * so a figure per reading cannot silently become a figure per refusal.
 */
final class ReadingCount {
    private ReadingCount() {
    }

    static <T> void expect(String payload, int readings, DecodeResult<T> result, ToIntFunction<T> count) {
        if (!(result instanceof DecodeResult.Ok<T> ok)) {
            throw new IllegalStateException(payload + " was refused: " + ((DecodeResult.Failure<T>) result).error());
        }
        int actual = count.applyAsInt(ok.value());
        if (actual != readings) {
            throw new IllegalStateException(payload + " decodes to " + actual + " readings, the benchmark divides by " + readings);
        }
    }
}
