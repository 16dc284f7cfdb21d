package io.vigil.codec.hl7;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits an ER7 (pipe-encoded) HL7 v2 message into segments with the separators its MSH declares. Segments end
 * with CR; LF and CRLF are read the same way, and empty lines are passed over. No message structure is checked
 * here: the decoder reads the segments it knows by name.
 */
final class Er7Reader {
    private Er7Reader() {
    }

    /** @return the segments, MSH first; null when the text does not start with MSH and usable separators */
    static List<Er7Segment> segments(String text) {
        if (!text.startsWith("MSH")) {
            return null;
        }
        Er7Separators separators = Er7Separators.declaredBy(lineAt(text, 0));
        if (separators == null) {
            return null;
        }
        List<Er7Segment> segments = new ArrayList<>();
        int start = 0;
        while (start <= text.length()) {
            int end = lineEnd(text, start);
            if (!blank(text, start, end)) {
                int[] bounds = bounds(text, start, end, separators.field());
                String name = text.substring(bounds[0], bounds[1] - 1).trim();
                segments.add(new Er7Segment(name, text, bounds, separators));
            }
            start = end + 1;
        }
        return segments;
    }

    /**
     * Where the fields of the line text[start, end) begin: field i is text[bounds[i], bounds[i + 1] - 1). Only offsets
     * are kept; a field's text is cut out when it is read (most fields of a segment never are).
     */
    private static int[] bounds(String text, int start, int end, char separator) {
        int[] bounds = new int[16];
        bounds[0] = start;
        int count = 1;
        for (int at = start; at < end; at++) {
            if (text.charAt(at) == separator) {
                if (count + 1 == bounds.length) {
                    bounds = Arrays.copyOf(bounds, bounds.length * 2);
                }
                bounds[count++] = at + 1;
            }
        }
        bounds[count] = end + 1;
        return count + 1 == bounds.length ? bounds : Arrays.copyOf(bounds, count + 1);
    }

    private static boolean blank(String text, int start, int end) {
        for (int i = start; i < end; i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static int lineEnd(String text, int start) {
        int end = start;
        while (end < text.length() && text.charAt(end) != '\r' && text.charAt(end) != '\n') {
            end++;
        }
        return end;
    }

    private static String lineAt(String text, int start) {
        int end = start;
        while (end < text.length() && text.charAt(end) != '\r' && text.charAt(end) != '\n') {
            end++;
        }
        return text.substring(start, end);
    }
}
