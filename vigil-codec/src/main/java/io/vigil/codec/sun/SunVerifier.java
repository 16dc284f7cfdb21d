package io.vigil.codec.sun;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Cipher;

/**
 * Verifies NTAG 424 DNA secure dynamic messages in AES mode (NXP AN12196 §3.4): decrypts the PICC data with the
 * SDM meta-read key, derives the session MAC and ENC keys from the SDM file-read key (SV2, SV1), checks the
 * truncated MAC, decrypts the encrypted file data. Two steps, because the file-read key depends on the UID that the
 * first step reveals: {@link #readPicc}, then {@link #verify}. Pure, and never throws on untrusted input.
 */
public final class SunVerifier {
    /** PICCDataTag bits: UID mirrored, SDMReadCtr mirrored; the low nibble is the UID length. */
    private static final int UID_MIRRORED = 0x80;
    private static final int COUNTER_MIRRORED = 0x40;
    private static final int UID_LENGTH = 7;
    private static final byte[] SV1_PREFIX = {(byte) 0xC3, 0x3C, 0x00, 0x01, 0x00, (byte) 0x80};
    private static final byte[] SV2_PREFIX = {0x3C, (byte) 0xC3, 0x00, 0x01, 0x00, (byte) 0x80};

    private SunVerifier() {
    }

    /**
     * The UID and counter of a tap: decrypted with {@code metaReadKey} (AES-CBC, zero IV), or as sent in the plain
     * form. Refused when the decrypted tag byte does not announce a mirrored 7-byte UID and counter — what a wrong
     * meta-read key (another batch) or a forged message almost always gives.
     */
    public static SunResult<PiccData> readPicc(SunUrl url, byte[] metaReadKey) {
        if (url.plain()) {
            return SunResult.ok(url.plainPicc());
        }
        byte[] plain = AesCmac.Aes.apply(AesCmac.Aes.cbc(metaReadKey, Cipher.DECRYPT_MODE, new byte[16]),
                url.encryptedPicc());
        int tag = plain[0] & 0xFF;
        if ((tag & 0x30) != 0 || (tag & 0x0F) != UID_LENGTH) {
            return SunResult.refused(SunRefusal.PICC_UNREADABLE, "the PICC data does not decrypt to a UID and counter");
        }
        if ((tag & (UID_MIRRORED | COUNTER_MIRRORED)) != (UID_MIRRORED | COUNTER_MIRRORED)) {
            return SunResult.refused(SunRefusal.UNSUPPORTED_MIRROR, "the tag mirrors its UID or its counter, not both");
        }
        String uid = HexFormat.of().formatHex(plain, 1, 1 + UID_LENGTH).toUpperCase(Locale.ROOT);
        int counter = (plain[8] & 0xFF) | (plain[9] & 0xFF) << 8 | (plain[10] & 0xFF) << 16;
        return SunResult.ok(new PiccData(uid, counter));
    }

    /**
     * Checks the tap's MAC with the tag's SDM file-read key and decrypts its file data. The comparison takes the same
     * time whatever the MAC.
     */
    public static SunResult<VerifiedTap> verify(SunUrl url, PiccData picc, byte[] fileReadKey) {
        byte[] expected = truncated(AesCmac.mac(macKey(fileReadKey, picc), url.macInput()));
        if (!MessageDigest.isEqual(expected, url.mac())) {
            return SunResult.refused(SunRefusal.MAC_MISMATCH, "the SDM MAC does not match");
        }
        if (url.encFileData().length == 0) {
            return SunResult.ok(new VerifiedTap(picc, new byte[0]));
        }
        byte[] encKey = encKey(fileReadKey, picc);
        byte[] fileData = AesCmac.Aes.apply(AesCmac.Aes.cbc(encKey, Cipher.DECRYPT_MODE, fileDataIv(encKey, picc)),
                url.encFileData());
        return SunResult.ok(new VerifiedTap(picc, fileData));
    }

    /** SesSDMFileReadMACKey = CMAC(K_SDMFileRead, SV2). */
    static byte[] macKey(byte[] fileReadKey, PiccData picc) {
        return AesCmac.mac(fileReadKey, sessionVector(SV2_PREFIX, picc));
    }

    /** SesSDMFileReadENCKey = CMAC(K_SDMFileRead, SV1). */
    static byte[] encKey(byte[] fileReadKey, PiccData picc) {
        return AesCmac.mac(fileReadKey, sessionVector(SV1_PREFIX, picc));
    }

    /** IVe = AES-ECB(SesSDMFileReadENCKey, counter ‖ 13 zero bytes). */
    static byte[] fileDataIv(byte[] encKey, PiccData picc) {
        return AesCmac.Aes.apply(AesCmac.Aes.ecb(encKey, Cipher.ENCRYPT_MODE), Arrays.copyOf(picc.counterBytes(), 16));
    }

    /** SV1/SV2 (AN12196 §3.4.4): prefix ‖ UID ‖ counter (least significant byte first) — exactly one block. */
    private static byte[] sessionVector(byte[] prefix, PiccData picc) {
        byte[] sv = new byte[16];
        System.arraycopy(prefix, 0, sv, 0, prefix.length);
        System.arraycopy(picc.uidBytes(), 0, sv, prefix.length, UID_LENGTH);
        System.arraycopy(picc.counterBytes(), 0, sv, prefix.length + UID_LENGTH, 3);
        return sv;
    }

    /** The 8 bytes the tag transmits: those at odd indices 1, 3, …, 15 of the full MAC. */
    static byte[] truncated(byte[] mac) {
        byte[] out = new byte[8];
        for (int i = 0; i < 8; i++) {
            out[i] = mac[2 * i + 1];
        }
        return out;
    }
}
