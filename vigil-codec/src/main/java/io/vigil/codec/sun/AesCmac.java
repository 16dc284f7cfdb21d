package io.vigil.codec.sun;

import java.security.GeneralSecurityException;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-CMAC (NIST SP 800-38B, RFC 4493) over the JDK's AES: the MAC that NTAG 424 DNA uses for its session keys
 * and its secure dynamic messages, and the PRF of AN10922 key diversification. Checked against RFC 4493's vectors.
 */
public final class AesCmac {
    static final int BLOCK = 16;
    private static final byte RB = (byte) 0x87;

    private AesCmac() {
    }

    /** The full 16-byte MAC of {@code message} under a 16-byte AES key. */
    public static byte[] mac(byte[] key, byte[] message) {
        Objects.requireNonNull(message, "message");
        Cipher aes = Aes.ecb(key, Cipher.ENCRYPT_MODE);
        byte[] k1 = doubled(Aes.apply(aes, new byte[BLOCK]));
        byte[] k2 = doubled(k1);
        int blocks = Math.max(1, (message.length + BLOCK - 1) / BLOCK);
        boolean complete = message.length > 0 && message.length % BLOCK == 0;
        byte[] x = new byte[BLOCK];
        for (int b = 0; b < blocks - 1; b++) {
            xorInto(x, message, b * BLOCK, BLOCK);
            x = Aes.apply(aes, x);
        }
        int lastStart = (blocks - 1) * BLOCK;
        int lastLength = message.length - lastStart;
        byte[] last = new byte[BLOCK];
        System.arraycopy(message, lastStart, last, 0, lastLength);
        if (!complete) {
            last[lastLength] = (byte) 0x80;
        }
        byte[] subkey = complete ? k1 : k2;
        for (int i = 0; i < BLOCK; i++) {
            x[i] ^= (byte) (last[i] ^ subkey[i]);
        }
        return Aes.apply(aes, x);
    }

    /** Doubling in GF(2^128): shift left one bit, fold the carry back with 0x87. */
    private static byte[] doubled(byte[] block) {
        byte[] out = new byte[BLOCK];
        int carry = 0;
        for (int i = BLOCK - 1; i >= 0; i--) {
            int v = block[i] & 0xFF;
            out[i] = (byte) ((v << 1) | carry);
            carry = v >>> 7;
        }
        if (carry != 0) {
            out[BLOCK - 1] ^= RB;
        }
        return out;
    }

    private static void xorInto(byte[] x, byte[] source, int offset, int length) {
        for (int i = 0; i < length; i++) {
            x[i] ^= source[offset + i];
        }
    }

    /** The JDK's AES-128 without padding; keys of the wrong length are a programming error. */
    static final class Aes {
        private Aes() {
        }

        static Cipher ecb(byte[] key, int mode) {
            return cipher("AES/ECB/NoPadding", key, mode, null);
        }

        static Cipher cbc(byte[] key, int mode, byte[] iv) {
            return cipher("AES/CBC/NoPadding", key, mode, iv);
        }

        private static Cipher cipher(String transformation, byte[] key, int mode, byte[] iv) {
            if (key == null || key.length != BLOCK) {
                throw new IllegalArgumentException("AES-128 needs a 16-byte key");
            }
            try {
                Cipher cipher = Cipher.getInstance(transformation);
                if (iv == null) {
                    cipher.init(mode, new SecretKeySpec(key, "AES"));
                } else {
                    cipher.init(mode, new SecretKeySpec(key, "AES"), new javax.crypto.spec.IvParameterSpec(iv));
                }
                return cipher;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES is not available in this JDK", e);
            }
        }

        static byte[] apply(Cipher cipher, byte[] input) {
            try {
                return cipher.doFinal(input);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES refused a whole number of blocks", e);
            }
        }
    }
}
