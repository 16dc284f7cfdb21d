package io.vigil.codec.json;

import io.vigil.codec.DecodeError;
import io.vigil.codec.ErrorCode;

/**
 * Carries the first error out of the nested readers to {@link DeviceJsonDecoder#decode}, which turns it into a
 * {@code DecodeResult.Failure}; it never leaves the package. Without a stack trace, so refusing garbage stays cheap.
 */
final class Rejection extends Exception {

    private final transient DecodeError error;

    private Rejection(DecodeError error) {
        super(error.reason(), null, false, false);
        this.error = error;
    }

    static Rejection at(ErrorCode code, String field, String reason) {
        return new Rejection(DecodeError.at(code, field, reason));
    }

    static Rejection atOffset(ErrorCode code, long offset, String reason) {
        int clamped = (int) Math.max(-1, Math.min(Integer.MAX_VALUE, offset));
        return new Rejection(DecodeError.atOffset(code, clamped, reason));
    }

    DecodeError error() {
        return error;
    }
}
