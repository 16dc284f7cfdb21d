package io.vigil.server.tag;

/**
 * Stable codes of tag, reader and zone refusals (1700–1749). 1700–1702 and 1706 come from the SUN verifier
 * ({@link io.vigil.codec.sun.SunRefusal}); the rest are the server's.
 */
public final class TagErrors {
    /** The tap's counter is not greater than the last accepted one for that UID: a replayed or cloned message. */
    public static final String REPLAY = "VIGIL-1703";
    /** The UID is not a registered (active) tag. */
    public static final String UNKNOWN_TAG = "VIGIL-1704";
    /** The tag was revoked (lost, replaced, patient discharged). */
    public static final String REVOKED = "VIGIL-1705";
    /** The reader id is not a registered reader, or the credential is not that reader's. */
    public static final String UNKNOWN_READER = "VIGIL-1710";
    /** A tag read names neither a tag id nor a SUN URL (or both), or has a bad time. */
    public static final String INVALID_READ = "VIGIL-1711";
    /** Bedside identification: the scan named as evidence is not an accepted scan of the right kind, or too old. */
    public static final String SCAN_NOT_EVIDENCE = "VIGIL-1712";

    private TagErrors() {
    }
}
