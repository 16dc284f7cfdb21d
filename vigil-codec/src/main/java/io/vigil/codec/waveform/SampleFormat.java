package io.vigil.codec.waveform;

import java.util.Optional;

/** How a binary waveform frame carries its samples (byte 3 of the frame). */
public enum SampleFormat {
    /** Signed 16-bit little-endian, two bytes a sample. */
    INT16(1),
    /** Signed 32-bit little-endian, four bytes a sample. */
    INT32(2),
    /** {@link SampleDeltas}: zig-zag differences as variable-length integers, about one byte a sample. */
    DELTA_VARINT(3);

    private final int id;

    SampleFormat(int id) {
        this.id = id;
    }

    public int id() {
        return id;
    }

    static Optional<SampleFormat> ofId(int id) {
        for (SampleFormat f : values()) {
            if (f.id == id) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
