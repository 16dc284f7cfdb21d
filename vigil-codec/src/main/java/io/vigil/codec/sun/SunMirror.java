package io.vigil.codec.sun;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.security.SecureRandom;
import javax.crypto.Cipher;

/**
 * What an NTAG 424 DNA in AES mode writes into its URL at a tap — the tag's side of {@link SunVerifier}, for the
 * simulator and for tests that need messages under keys of their own. PICC data is C7 ‖ UID ‖ counter ‖ random
 * padding, encrypted with the meta-read key; file data (a multiple of 16 bytes) is encrypted with the session ENC
 * key; the MAC covers the {@code enc} text up to the MAC's own value.
 */
public final class SunMirror {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private final byte[] metaReadKey;
    private final byte[] fileReadKey;
    private final SecureRandom random = new SecureRandom();

    public SunMirror(byte[] metaReadKey, byte[] fileReadKey) {
        this.metaReadKey = metaReadKey.clone();
        this.fileReadKey = fileReadKey.clone();
    }

    /** {@code base?picc_data=…[&enc=…]&cmac=…}; {@code fileData} empty for none, else a multiple of 16 bytes. */
    public String url(String base, PiccData picc, byte[] fileData) {
        byte[] plain = new byte[16];
        plain[0] = (byte) 0xC7;
        System.arraycopy(picc.uidBytes(), 0, plain, 1, 7);
        System.arraycopy(picc.counterBytes(), 0, plain, 8, 3);
        byte[] padding = new byte[5];
        random.nextBytes(padding);
        System.arraycopy(padding, 0, plain, 11, 5);
        byte[] encrypted = AesCmac.Aes.apply(AesCmac.Aes.cbc(metaReadKey, Cipher.ENCRYPT_MODE, new byte[16]), plain);
        String prefix = base + "?picc_data=" + HEX.formatHex(encrypted);
        if (fileData.length == 0) {
            return prefix + "&cmac=" + HEX.formatHex(mac(picc, new byte[0]));
        }
        String enc = HEX.formatHex(encryptFileData(picc, fileData)) + "&cmac=";
        return prefix + "&enc=" + enc + HEX.formatHex(mac(picc, enc.getBytes(StandardCharsets.US_ASCII)));
    }

    /** {@code base?uid=…&ctr=…&cmac=…}: UID and counter in the clear (counter most significant byte first). */
    public String plainUrl(String base, PiccData picc) {
        return base + "?uid=" + picc.uid() + "&ctr=" + String.format(Locale.ROOT, "%06X", picc.counter())
                + "&cmac=" + HEX.formatHex(mac(picc, new byte[0]));
    }

    private byte[] mac(PiccData picc, byte[] input) {
        return SunVerifier.truncated(AesCmac.mac(SunVerifier.macKey(fileReadKey, picc), input));
    }

    private byte[] encryptFileData(PiccData picc, byte[] fileData) {
        if (fileData.length % 16 != 0) {
            throw new IllegalArgumentException("file data is a multiple of 16 bytes");
        }
        byte[] key = SunVerifier.encKey(fileReadKey, picc);
        return AesCmac.Aes.apply(AesCmac.Aes.cbc(key, Cipher.ENCRYPT_MODE, SunVerifier.fileDataIv(key, picc)), fileData);
    }
}
