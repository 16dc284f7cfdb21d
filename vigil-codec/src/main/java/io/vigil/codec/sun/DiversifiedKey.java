package io.vigil.codec.sun;

import java.util.HexFormat;

/**
 * AES-128 key diversification per NXP AN10922 §2.2: {@code K_tag = AES-CMAC(K_master, 0x01 ‖ M)}, where CMAC's own
 * padding (0x80 then zeros to 32 bytes, last block with subkey K2) is the padding AN10922 prescribes. Vigil's
 * diversification input {@code M} is the tag's 7-byte UID, so any tool that implements AN10922 can program the
 * per-tag SDM file-read key from the same master key.
 */
public final class DiversifiedKey {
    private static final int MAX_INPUT = 31;

    private DiversifiedKey() {
    }

    /** AN10922 AES-128 diversification of {@code masterKey} with diversification input {@code input} (1–31 bytes). */
    public static byte[] of(byte[] masterKey, byte[] input) {
        if (input.length < 1 || input.length > MAX_INPUT) {
            throw new IllegalArgumentException("AN10922 diversification input is 1 to 31 bytes");
        }
        byte[] message = new byte[input.length + 1];
        message[0] = 0x01;
        System.arraycopy(input, 0, message, 1, input.length);
        return AesCmac.mac(masterKey, message);
    }

    /** The SDM file-read key of the tag with this UID (14 hex digits), derived from a profile's master key. */
    public static byte[] fileReadKey(byte[] masterKey, String uidHex) {
        return of(masterKey, HexFormat.of().parseHex(uidHex));
    }
}
