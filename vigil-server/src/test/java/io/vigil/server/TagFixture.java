package io.vigil.server;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Random AES-128 keys and NTAG 424 DNA UIDs for tag tests, and the upper-case hex the API takes. */
public final class TagFixture {
    public static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final SecureRandom RANDOM = new SecureRandom();

    private TagFixture() {
    }

    public static byte[] key() {
        byte[] key = new byte[16];
        RANDOM.nextBytes(key);
        return key;
    }

    /** A 7-byte UID starting 04 (NXP), as 14 upper-case hex digits. */
    public static String uid() {
        byte[] uid = new byte[7];
        RANDOM.nextBytes(uid);
        uid[0] = 0x04;
        return HEX.formatHex(uid);
    }
}
