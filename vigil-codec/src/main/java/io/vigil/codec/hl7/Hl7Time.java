package io.vigil.codec.hl7;

import static io.vigil.codec.ErrorCode.INVALID_TIME;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HL7 v2 DTM ({@code YYYY[MM[DD[HH[MM[SS[.S[S[S[S]]]]]]]]][+/-ZZZZ]}) as an instant. A reading's time needs at least
 * the minute; a time without offset is read in the configured zone (PCD-01 asks for the offset, many monitors omit it).
 */
final class Hl7Time {
    private static final Pattern DTM = Pattern.compile(
            "(\\d{4})(\\d{2})(\\d{2})(\\d{2})(\\d{2})(?:(\\d{2})(?:\\.(\\d{1,4}))?)?(?:([+-])(\\d{2})(\\d{2}))?");

    private Hl7Time() {
    }

    /** @return the instant, or null when {@code text} is empty; throws for text that is not a DTM to the minute */
    static Instant parse(String text, ZoneId zone, String position) throws Hl7Rejection {
        if (text == null || text.isEmpty()) {
            return null;
        }
        Matcher m = DTM.matcher(text);
        if (text.length() > 32 || !m.matches()) {
            throw Hl7Rejection.at(INVALID_TIME, position, position
                    + " is not an HL7 time to the minute at least (YYYYMMDDHHMM[SS[.SSSS]][+/-ZZZZ]).");
        }
        try {
            int nanos = 0;
            if (m.group(7) != null) {
                String fraction = (m.group(7) + "000000000").substring(0, 9);
                nanos = Integer.parseInt(fraction);
            }
            LocalDateTime local = LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                    m.group(6) == null ? 0 : Integer.parseInt(m.group(6)), nanos);
            if (m.group(8) == null) {
                return local.atZone(zone).toInstant();
            }
            int sign = m.group(8).equals("-") ? -1 : 1;
            ZoneOffset offset = ZoneOffset.ofHoursMinutes(sign * Integer.parseInt(m.group(9)),
                    sign * Integer.parseInt(m.group(10)));
            return local.toInstant(offset);
        } catch (DateTimeException e) {
            throw Hl7Rejection.at(INVALID_TIME, position, position
                    + " is not a valid date and time (" + e.getMessage() + ").");
        }
    }
}
