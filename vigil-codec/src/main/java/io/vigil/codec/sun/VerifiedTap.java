package io.vigil.codec.sun;

import java.util.Arrays;

/**
 * A tap whose MAC verified: the tag's identity and counter, and its decrypted file data (empty when the URL carries
 * none). The caller still decides whether the counter is new (replay) and whether the tag is known and active.
 */
public record VerifiedTap(PiccData picc, byte[] fileData) {
    public VerifiedTap {
        fileData = fileData.clone();
    }

    @Override
    public byte[] fileData() {
        return fileData.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VerifiedTap other && picc.equals(other.picc) && Arrays.equals(fileData, other.fileData);
    }

    @Override
    public int hashCode() {
        return 31 * picc.hashCode() + Arrays.hashCode(fileData);
    }

    @Override
    public String toString() {
        return "VerifiedTap[uid=" + picc.uid() + ", counter=" + picc.counter() + ", fileData=" + fileData.length + " bytes]";
    }
}
