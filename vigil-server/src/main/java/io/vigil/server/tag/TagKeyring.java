package io.vigil.server.tag;

import io.vigil.server.VigilProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Seals the tags' SDM keys for the database with AES-256-GCM: a fresh 12-byte nonce per key, and the row and column
 * it belongs to as associated data, so a sealed key copied into another row does not open. The key-encryption key
 * comes from {@code vigil.tags.key-encryption-key}; demo mode generates one into {@code <data-dir>/tag-keys.key}
 * (owner-only). Keys in the clear exist only in memory, for one verification; they are never logged or returned.
 */
@Component
public class TagKeyring {
    static final String DEMO_KEY_FILE = "tag-keys.key";
    private static final Logger log = LoggerFactory.getLogger(TagKeyring.class);
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    TagKeyring(TagProperties properties, VigilProperties vigil) {
        byte[] raw = properties.keyEncryptionKey() != null && !properties.keyEncryptionKey().isBlank()
                ? decode(properties.keyEncryptionKey())
                : demoKey(vigil);
        this.key = new SecretKeySpec(raw, "AES");
        Arrays.fill(raw, (byte) 0);
    }

    /** Base64 of nonce ‖ ciphertext ‖ tag. */
    String seal(byte[] plain, String context) {
        byte[] nonce = new byte[NONCE];
        random.nextBytes(nonce);
        byte[] sealed = run(Cipher.ENCRYPT_MODE, nonce, context, plain);
        byte[] out = new byte[NONCE + sealed.length];
        System.arraycopy(nonce, 0, out, 0, NONCE);
        System.arraycopy(sealed, 0, out, NONCE, sealed.length);
        return Base64.getEncoder().encodeToString(out);
    }

    byte[] open(String sealed, String context) {
        byte[] all = Base64.getDecoder().decode(sealed);
        return run(Cipher.DECRYPT_MODE, Arrays.copyOf(all, NONCE), context, Arrays.copyOfRange(all, NONCE, all.length));
    }

    private byte[] run(int mode, byte[] nonce, String context, byte[] input) {
        try {
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
            gcm.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return gcm.doFinal(input);
        } catch (GeneralSecurityException e) {
            // A stored key that does not open: another key-encryption key, or a tampered row.
            throw new IllegalStateException("A sealed tag key does not open under vigil.tags.key-encryption-key", e);
        }
    }

    private static byte[] decode(String configured) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(configured.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("vigil.tags.key-encryption-key is not base64", e);
        }
        if (raw.length != 32) {
            throw new IllegalArgumentException("vigil.tags.key-encryption-key must be 32 bytes (base64 of 32 random bytes)");
        }
        return raw;
    }

    private static byte[] demoKey(VigilProperties vigil) {
        if (!vigil.isDemo()) {
            throw new IllegalStateException("vigil.tags.key-encryption-key is not set: serve mode needs it to seal tag keys");
        }
        Path file = vigil.dataDir().resolve(DEMO_KEY_FILE);
        try {
            if (Files.exists(file)) {
                return decode(Files.readString(file));
            }
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            Files.createDirectories(file.getParent());
            Files.writeString(file, Base64.getEncoder().encodeToString(fresh));
            restrict(file);
            log.info("event=tags.demo_key_created file={}", file);
            return fresh;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the demo tag key in " + file, e);
        }
    }

    private static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            log.debug("event=tags.demo_key_permissions_unsupported");
        }
    }
}
