package io.vigil.codec.ble;

import io.vigil.codec.DecodeError;
import io.vigil.codec.ErrorCode;

/** Unwinds a characteristic reader to {@link GattDecoder}, which turns it into a failure value. */
final class GattRejection extends Exception {
    private final transient DecodeError error;

    private GattRejection(DecodeError error) {
        super(error.reason(), null, false, false);
        this.error = error;
    }

    static GattRejection at(ErrorCode code, int offset, String field, String reason) {
        return new GattRejection(new DecodeError(code, reason, field, offset));
    }

    DecodeError error() {
        return error;
    }
}
