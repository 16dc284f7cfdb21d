package io.vigil.server.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hash chain: {@code hash = SHA-256(previous hash ‖ canonical fields)}. The canonical form prefixes each field
 * with its length (absent fields are {@code -1:}), so no choice of values can make two different events read alike.
 */
final class AuditChain {
    /** The previous hash of the first event. */
    static final String GENESIS = "0".repeat(64);

    private AuditChain() {
    }

    static String hash(String previousHash, long id, AuditEvent event) {
        StringBuilder canonical = new StringBuilder(previousHash);
        for (String field : new String[] {Long.toString(id), event.time().toString(), event.actor(), event.role(),
                event.action(), event.resourceType(), event.resourceId(), event.patientId(), event.outcome().code(),
                event.clientAddress(), event.request()}) {
            canonical.append(field == null ? -1 : field.length()).append(':').append(field == null ? "" : field);
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
