package io.vigil.codec.hl7;

import io.vigil.codec.DecodeError;
import io.vigil.codec.ErrorCode;

/** Thrown inside the decoder only, and turned into a {@link io.vigil.codec.DecodeResult.Failure} at its edge. */
final class Hl7Rejection extends Exception {
    private final transient DecodeError error;

    private Hl7Rejection(DecodeError error) {
        super(error.reason(), null, false, false);
        this.error = error;
    }

    /** @param position where, such as {@code OBX[3]-5} */
    static Hl7Rejection at(ErrorCode code, String position, String reason) {
        return new Hl7Rejection(DecodeError.at(code, position, reason));
    }

    DecodeError error() {
        return error;
    }
}
