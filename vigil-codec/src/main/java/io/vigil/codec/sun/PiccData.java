package io.vigil.codec.sun;

import java.util.HexFormat;

/**
 * What a tap says about the tag: its UID and its SDM read counter (3 bytes, 0–16 777 215).
 *
 * @param uid     the 7-byte UID as 14 upper-case hex digits
 * @param counter the read counter at this tap
 */
public record PiccData(String uid, int counter) {
    public PiccData {
        if (uid == null || !uid.matches("[0-9A-F]{14}")) {
            throw new IllegalArgumentException("uid is 14 upper-case hex digits");
        }
        if (counter < 0 || counter > 0xFFFFFF) {
            throw new IllegalArgumentException("counter is 3 bytes");
        }
    }

    byte[] uidBytes() {
        return HexFormat.of().parseHex(uid);
    }

    /** The counter as the tag mirrors it into session vectors: 3 bytes, least significant first. */
    byte[] counterBytes() {
        return new byte[] {(byte) counter, (byte) (counter >>> 8), (byte) (counter >>> 16)};
    }
}
