package io.vigil.codec.hl7;

import java.util.ArrayList;
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
            String line = lineAt(text, start);
            if (!line.isBlank()) {
                String[] fields = fields(line, separators.field());
                segments.add(new Er7Segment(fields[0].trim(), fields, separators));
            }
            start += line.length() + 1;
        }
        return segments;
    }

    private static String[] fields(String line, char separator) {
        int count = 1;
        for (int at = line.indexOf(separator); at >= 0; at = line.indexOf(separator, at + 1)) {
            count++;
        }
        String[] fields = new String[count];
        int start = 0;
        for (int i = 0; i < count - 1; i++) {
            int end = line.indexOf(separator, start);
            fields[i] = line.substring(start, end);
            start = end + 1;
        }
        fields[count - 1] = line.substring(start);
        return fields;
    }

    private static String lineAt(String text, int start) {
        int end = start;
        while (end < text.length() && text.charAt(end) != '\r' && text.charAt(end) != '\n') {
            end++;
        }
        return text.substring(start, end);
    }
}
