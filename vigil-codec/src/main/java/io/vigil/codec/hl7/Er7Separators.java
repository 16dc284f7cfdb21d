package io.vigil.codec.hl7;

/**
 * The delimiters a message declares in MSH-1 and MSH-2 (usually {@code |^~\&}). An encoding character the sender
 * leaves out is absent ({@code -1}): nothing is split or escaped on it.
 */
record Er7Separators(char field, int component, int repetition, int escape, int subcomponent) {

    /** Reads MSH-1 and MSH-2 from the start of an MSH segment; null when they are not usable separators. */
    static Er7Separators declaredBy(String msh) {
        if (msh.length() < 4) {
            return null;
        }
        char field = msh.charAt(3);
        int end = msh.indexOf(field, 4);
        String encoding = end < 0 ? msh.substring(4) : msh.substring(4, end);
        if (encoding.isEmpty() || encoding.length() > 5 || !usable(field)) {
            return null;
        }
        StringBuilder seen = new StringBuilder().append(field);
        for (int i = 0; i < Math.min(4, encoding.length()); i++) {
            char c = encoding.charAt(i);
            if (!usable(c) || seen.indexOf(String.valueOf(c)) >= 0) {
                return null;
            }
            seen.append(c);
        }
        return new Er7Separators(field, at(encoding, 0), at(encoding, 1), at(encoding, 2), at(encoding, 3));
    }

    /** Whether a field's text has no component, repetition, subcomponent or escape character: one plain value. */
    boolean plain(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == component || c == repetition || c == subcomponent || c == escape) {
                return false;
            }
        }
        return true;
    }

    private static int at(String encoding, int index) {
        return index < encoding.length() ? encoding.charAt(index) : -1;
    }

    private static boolean usable(char c) {
        return c > ' ' && c < 127 && !Character.isLetterOrDigit(c);
    }

    /**
     * Resolves the escape sequences of HL7 v2 (chapter 2.7): \F\ \S\ \T\ \R\ \E\ to the delimiters and \Xhh..\ to
     * the characters of its hex bytes; any other sequence, or an escape without its closing character, stays as sent.
     */
    String unescape(String text) {
        if (escape < 0 || text.indexOf(escape) < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            int close = c == escape ? text.indexOf(escape, i + 1) : -1;
            if (close < 0) {
                out.append(c);
                i++;
                continue;
            }
            String sequence = text.substring(i + 1, close);
            String resolved = resolve(sequence);
            if (resolved == null) {
                out.append(text, i, close + 1);
            } else {
                out.append(resolved);
            }
            i = close + 1;
        }
        return out.toString();
    }

    private String resolve(String sequence) {
        return switch (sequence) {
            case "F" -> String.valueOf(field);
            case "S" -> delimiter(component);
            case "T" -> delimiter(subcomponent);
            case "R" -> delimiter(repetition);
            case "E" -> delimiter(escape);
            default -> hex(sequence);
        };
    }

    private static String delimiter(int c) {
        return c < 0 ? null : String.valueOf((char) c);
    }

    private static String hex(String sequence) {
        if (sequence.length() < 3 || sequence.charAt(0) != 'X' || sequence.length() % 2 == 0) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < sequence.length(); i += 2) {
            int high = Character.digit(sequence.charAt(i), 16);
            int low = Character.digit(sequence.charAt(i + 1), 16);
            if (high < 0 || low < 0) {
                return null;
            }
            out.append((char) (high * 16 + low));
        }
        return out.toString();
    }
}
