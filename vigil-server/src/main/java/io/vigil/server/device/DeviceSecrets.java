package io.vigil.server.device;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Device secrets: 256 random bits, shown to the registrant once, stored only as a SHA-256 digest.
 * A fast digest is enough because the secret has full entropy (no dictionary to try); it keeps per-request
 * checks cheap for high-rate devices. Comparison is constant-time.
 */
final class DeviceSecrets {
    private static final SecureRandom RANDOM = new SecureRandom();

    private DeviceSecrets() {
    }

    static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String digest(String secret) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    static boolean matches(String secret, String storedDigest) {
        if (secret == null || storedDigest == null) {
            return false;
        }
        return MessageDigest.isEqual(digest(secret).getBytes(StandardCharsets.US_ASCII),
                storedDigest.getBytes(StandardCharsets.US_ASCII));
    }
}
