package io.vigil.codec.hl7;

import static io.vigil.codec.ErrorCode.INVALID_TIME;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * HL7 v2 DTM ({@code YYYY[MM[DD[HH[MM[SS[.S[S[S[S]]]]]]]]][+/-ZZZZ]}) as an instant. A reading's time needs at least
 * the minute; a time without offset is read in the configured zone (PCD-01 asks for the offset, many monitors omit it).
 * Read character by character (every OBX carries one; a regular expression cost more than the rest of the row).
 */
final class Hl7Time {
    private static final int MAX_LENGTH = 32;

    private Hl7Time() {
    }

    /** @return the instant, or null when {@code text} is empty; throws for text that is not a DTM to the minute */
    static Instant parse(String text, ZoneId zone, String position) throws Hl7Rejection {
        if (text == null || text.isEmpty()) {
            return null;
        }
        int length = text.length();
        int at = 12;
        boolean shape = length <= MAX_LENGTH && length >= 12 && digits(text, 0, 12);
        int second = 0;
        int nanos = 0;
        if (shape && at + 2 <= length && isDigit(text.charAt(at))) {
            shape = digits(text, at, at + 2);
            second = shape ? number(text, at, at + 2) : 0;
            at += 2;
            if (shape && at < length && text.charAt(at) == '.') {
                int start = ++at;
                while (at < length && at - start < 4 && isDigit(text.charAt(at))) {
                    at++;
                }
                shape = at > start;
                if (shape) {
                    nanos = number(text, start, at);
                    for (int i = at - start; i < 9; i++) {
                        nanos *= 10;
                    }
                }
            }
        }
        int sign = 0;
        if (shape && at < length) {
            char c = text.charAt(at);
            sign = c == '+' ? 1 : c == '-' ? -1 : 0;
            shape = sign != 0 && length == at + 5 && digits(text, at + 1, at + 5);
        }
        if (!shape) {
            throw Hl7Rejection.at(INVALID_TIME, position, position
                    + " is not an HL7 time to the minute at least (YYYYMMDDHHMM[SS[.SSSS]][+/-ZZZZ]).");
        }
        try {
            LocalDateTime local = LocalDateTime.of(number(text, 0, 4), number(text, 4, 6), number(text, 6, 8),
                    number(text, 8, 10), number(text, 10, 12), second, nanos);
            if (sign == 0) {
                return zone instanceof ZoneOffset fixed ? local.toInstant(fixed) : local.atZone(zone).toInstant();
            }
            ZoneOffset offset = ZoneOffset.ofHoursMinutes(sign * number(text, at + 1, at + 3),
                    sign * number(text, at + 3, at + 5));
            return local.toInstant(offset);
        } catch (DateTimeException e) {
            throw Hl7Rejection.at(INVALID_TIME, position, position
                    + " is not a valid date and time (" + e.getMessage() + ").");
        }
    }

    /** Remembers the last time read: a monitor stamps the rows of one message with a handful of times. Per message. */
    static final class Recent {
        private final ZoneId zone;
        private String text;
        private Instant instant;

        Recent(ZoneId zone) {
            this.zone = zone;
        }

        /** @param position the segment, e.g. {@code OBX[3]}, and {@code field} its field, e.g. {@code -14} */
        Instant parse(String text, String position, String field) throws Hl7Rejection {
            if (text == null || !text.equals(this.text)) {
                Instant parsed = Hl7Time.parse(text, zone, position + field);
                this.text = text;
                this.instant = parsed;
            }
            return instant;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean digits(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** The value of ASCII digits already checked by {@link #digits}. */
    private static int number(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            value = value * 10 + (text.charAt(i) - '0');
        }
        return value;
    }
}
