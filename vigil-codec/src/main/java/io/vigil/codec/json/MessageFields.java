package io.vigil.codec.json;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/** The rules for a message's id and time, shared by device JSON and the mapping templates. */
public final class MessageFields {

    /** Longest message id. */
    public static final int MAX_ID_LENGTH = 128;
    private static final int MAX_TIME_LENGTH = 64;
    /** FHIR instants start at year 0001; earlier times cannot be stored as Observations. */
    public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

    private MessageFields() {
    }

    /** Whether a message id uses only A-Z, a-z, 0-9 and . _ : - (the caller checks its length). */
    public static boolean idCharacters(String id) {
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == ':' || c == '-';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    /** The instant, or null when the text is not an ISO-8601 date-time with offset from year 0001 to 9999. */
    public static Instant isoInstant(String text) {
        // A leading digit rules out the signed, expanded years ISO_OFFSET_DATE_TIME would take (+10000, -0001).
        if (text.isEmpty() || text.length() > MAX_TIME_LENGTH || text.charAt(0) < '0' || text.charAt(0) > '9') {
            return null;
        }
        try {
            Instant instant = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            return instant.isBefore(EARLIEST) ? null : instant;
        } catch (DateTimeException e) {
            return null; // refused as INVALID_TIME by the caller, which names the field
        }
    }
}
