package io.vigil.server.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hash chain: {@code hash = SHA-256(previous hash ‖ canonical fields)}. The canonical form prefixes each field
 * with its length (absent fields are {@code -1:}), so no choice of values can make two different events read alike.
 * The severity (added later, migration V6) is appended only when the event has one: events stored before it keep
 * the hash they were written with, and a later event's severity is covered — removing it, or giving an old event
 * one, changes the canonical form and so the hash.
 */
final class AuditChain {
    /** The previous hash of the first event. */
    static final String GENESIS = "0".repeat(64);

    private AuditChain() {
    }

    private static void append(StringBuilder canonical, String field) {
        canonical.append(field == null ? -1 : field.length()).append(':').append(field == null ? "" : field);
    }

    static String hash(String previousHash, long id, AuditEvent event) {
        StringBuilder canonical = new StringBuilder(previousHash);
        for (String field : new String[] {Long.toString(id), event.time().toString(), event.actor(), event.role(),
                event.action(), event.resourceType(), event.resourceId(), event.patientId(), event.outcome().code(),
                event.clientAddress(), event.request()}) {
            append(canonical, field);
        }
        if (event.severity() != null) {
            append(canonical, event.severity().code());
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
