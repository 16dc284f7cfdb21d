package io.vigil.codec;

import java.util.Objects;

/**
 * Why a payload was refused.
 *
 * @param code   stable error code
 * @param reason a sentence for the integrator; never contains patient data
 * @param field  where in the payload: a JSON path such as {@code [1].values.heart-rate}, or null
 * @param offset byte offset for binary payloads, or -1
 */
public record DecodeError(ErrorCode code, String reason, String field, int offset) {
    public DecodeError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(reason, "reason");
    }

    public static DecodeError at(ErrorCode code, String field, String reason) {
        return new DecodeError(code, reason, field, -1);
    }

    public static DecodeError atOffset(ErrorCode code, int offset, String reason) {
        return new DecodeError(code, reason, null, offset);
    }
}
