package io.vigil.codec.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Untrusted text and numbers as they may appear in a reason or a field path: short, on one line, without control
 * or bidirectional-formatting characters, so a reason can be logged and shown without surprises.
 */
public final class Echo {

    private static final int MAX_TEXT = 40;
    private static final int MAX_KEY = 64;
    private static final MathContext TEN_DIGITS = new MathContext(10);

    private Echo() {
    }

    /** A string value in quotes, cut at 40 characters. */
    public static String quoted(String text) {
        return '"' + clean(text, MAX_TEXT) + '"';
    }

    /** An object key as a segment of a field path, cut at 64 characters. */
    public static String key(String key) {
        return clean(key, MAX_KEY);
    }

    /** A number with at most ten significant digits, without exponent for everyday magnitudes. */
    public static String number(double value) {
        if (!Double.isFinite(value) || Math.abs(value) >= 1e12 || (value != 0 && Math.abs(value) < 1e-6)) {
            return Double.toString(value);
        }
        return new BigDecimal(value).round(TEN_DIGITS).stripTrailingZeros().toPlainString();
    }

    /** What kind of JSON value a node is, for "must be a number, not …" reasons; strings are echoed. */
    public static String jsonKind(JsonNode node) {
        return switch (node.getNodeType()) {
            case STRING -> "the string " + quoted(node.textValue());
            case NUMBER -> "the number " + number(node.doubleValue());
            case BOOLEAN -> node.booleanValue() ? "true" : "false";
            case NULL -> "null";
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case BINARY, MISSING -> "nothing";
        };
    }

    private static String clean(String text, int max) {
        int end = Math.min(text.length(), max);
        StringBuilder out = new StringBuilder(end + 1);
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            out.append(printable(c) ? c : '?');
        }
        if (text.length() > max) {
            out.append('…');
        }
        return out.toString();
    }

    private static boolean printable(char c) {
        if (c < 0x7F) {
            return c >= 0x20;
        }
        int type = Character.getType(c);
        return type != Character.CONTROL && type != Character.FORMAT && type != Character.SURROGATE
                && type != Character.LINE_SEPARATOR && type != Character.PARAGRAPH_SEPARATOR
                && type != Character.UNASSIGNED && type != Character.PRIVATE_USE;
    }
}
