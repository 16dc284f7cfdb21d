package io.vigil.codec.hl7;

/**
 * One ER7 segment as received: where its fields lie in the message text; a field is cut out, and its components,
 * repetitions and subcomponents split and unescaped, only when read. Numbering is HL7's: fields from 1, and in MSH field 1 is the
 * field separator itself and field 2 the encoding characters.
 */
final class Er7Segment {
    private final String name;
    private final String text;
    private final int[] bounds;
    private final String[] fields;
    /** Per field, once cut out: whether it is one plain value (no component, repetition or escape character). */
    private final boolean[] plain;
    private final Er7Separators separators;
    private final boolean header;

    /**
     * @param text   the message
     * @param bounds where field i starts (index 0 is the segment name), and one past the end of the last
     */
    Er7Segment(String name, String text, int[] bounds, Er7Separators separators) {
        this.name = name;
        this.text = text;
        this.bounds = bounds;
        this.fields = new String[bounds.length - 1];
        this.plain = new boolean[bounds.length - 1];
        this.separators = separators;
        this.header = "MSH".equals(name);
    }

    String name() {
        return name;
    }

    /** The raw text of a field (escapes not resolved), or "" when the segment has no such field. */
    String raw(int field) {
        if (header && field == 1) {
            return String.valueOf(separators.field());
        }
        int index = header ? field - 1 : field;
        if (field < 1 || index >= fields.length) {
            return "";
        }
        String raw = fields[index];
        if (raw == null) {
            raw = text.substring(bounds[index], bounds[index + 1] - 1);
            fields[index] = raw;
            plain[index] = separators.plain(raw);
        }
        return raw;
    }

    /** Repetitions of a field: 0 when empty or absent. */
    int repetitions(int field) {
        String raw = raw(field);
        if (raw.isEmpty()) {
            return 0;
        }
        if (header && field <= 2) {
            return 1;
        }
        int count = 1;
        int separator = separators.repetition();
        for (int at = separator < 0 ? -1 : raw.indexOf(separator); at >= 0; at = raw.indexOf(separator, at + 1)) {
            count++;
        }
        return count;
    }

    /** Component (1-based) of the first repetition of a field. */
    String text(int field, int component) {
        return text(field, 0, component, 1);
    }

    /** Text of one subcomponent, unescaped and trimmed; null when empty or absent. */
    String text(int field, int repetition, int component, int subcomponent) {
        String raw = raw(field);
        if (header && field <= 2) {
            return repetition == 0 && component == 1 && subcomponent == 1 && !raw.isBlank() ? raw : null;
        }
        if (raw.isEmpty()) {
            return null;
        }
        if (plain[header ? field - 1 : field]) {
            // Most fields are one value ("NM", "97", a time): the first of everything, nothing to split or unescape.
            return repetition == 0 && component == 1 && subcomponent == 1 && !raw.isBlank() ? raw.trim() : null;
        }
        String value = nth(nth(nth(raw, separators.repetition(), repetition), separators.component(), component - 1),
                separators.subcomponent(), subcomponent - 1);
        if (value == null || value.isBlank()) {
            return null;
        }
        return separators.unescape(value).trim();
    }

    private static String nth(String text, int separator, int index) {
        if (text == null || index < 0) {
            return null;
        }
        if (separator < 0) {
            return index == 0 ? text : null;
        }
        int start = 0;
        for (int i = 0; i < index; i++) {
            int next = text.indexOf(separator, start);
            if (next < 0) {
                return null;
            }
            start = next + 1;
        }
        int end = text.indexOf(separator, start);
        return end < 0 ? text.substring(start) : text.substring(start, end);
    }
}
