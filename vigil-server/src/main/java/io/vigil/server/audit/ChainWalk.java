package io.vigil.server.audit;

import java.time.Instant;

/**
 * Walks the stored chain in id order and keeps the first link that does not hold: a missing id (a deleted row),
 * a previous hash that is not the hash of the row before (a row replaced or re-linked), or a hash that does not
 * follow from the row's own fields (a field edited, or the hash itself). Shared by the REST check and
 * {@code vigil audit verify}.
 */
final class ChainWalk {

    /** Why a link is broken. */
    enum Reason {
        GAP("an id is missing before this one: a row was deleted"),
        PREVIOUS_HASH_MISMATCH("previous_hash is not the hash of the row before: a row was replaced or re-linked"),
        HASH_MISMATCH("the stored hash does not match the row's fields: the row or its hash was edited");

        private final String explanation;

        Reason(String explanation) {
            this.explanation = explanation;
        }

        String code() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }

        String explanation() {
            return explanation;
        }
    }

    /**
     * The first broken link: the row where the chain stops holding.
     *
     * @param expectedId the id that should have come here: for a gap, the first missing one
     */
    record Break(long id, Instant time, Reason reason, long expectedId) {

        /** What a reviewer reads: the reason, and for a gap which ids are missing. */
        String describe() {
            String missing = reason != Reason.GAP ? ""
                    : expectedId == id - 1 ? " (event " + expectedId + " is missing)"
                    : expectedId < id ? " (events " + expectedId + " to " + (id - 1) + " are missing)"
                    : " (id out of order)";
            return reason.code() + " — " + reason.explanation() + missing;
        }
    }

    private long events;
    private long expectedId = 1;
    private String expectedPrevious = AuditChain.GENESIS;
    private Break first;

    /** Checks the next stored row; rows must come in ascending id order. */
    void next(AuditRecord row) {
        events++;
        if (first == null) {
            first = check(row);
        }
        expectedId = row.id() + 1;
        expectedPrevious = row.hash();
    }

    private Break check(AuditRecord row) {
        if (row.id() != expectedId) {
            return new Break(row.id(), row.event().time(), Reason.GAP, expectedId);
        }
        if (!expectedPrevious.equals(row.previousHash())) {
            return new Break(row.id(), row.event().time(), Reason.PREVIOUS_HASH_MISMATCH, expectedId);
        }
        if (!AuditChain.hash(row.previousHash(), row.id(), row.event()).equals(row.hash())) {
            return new Break(row.id(), row.event().time(), Reason.HASH_MISMATCH, expectedId);
        }
        return null;
    }

    long events() {
        return events;
    }

    /** The first broken link, or null when every row so far links. */
    Break firstBreak() {
        return first;
    }
}
