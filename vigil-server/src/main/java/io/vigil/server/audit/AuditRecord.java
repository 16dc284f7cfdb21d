package io.vigil.server.audit;

/** A stored audit event: its place in the chain and the hashes that link it to the one before. */
public record AuditRecord(long id, AuditEvent event, String previousHash, String hash) {}
