package io.vigil.server.tag;

import org.springframework.http.HttpStatus;

/** How a tap ended: accepted (who or what it is), or refused with a stable code. Both are in the scan log. */
public sealed interface ScanOutcome {
    TagScan scan();

    record Accepted(Tag tag, int counter, byte[] fileData, TagScan scan) implements ScanOutcome {}

    /** @param tag the tag the refusal concerns, when the UID was read and is registered; else null */
    record Refused(String code, HttpStatus status, String message, Tag tag, TagScan scan) implements ScanOutcome {}
}
