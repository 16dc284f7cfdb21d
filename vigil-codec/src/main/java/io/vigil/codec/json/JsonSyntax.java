package io.vigil.codec.json;

import static io.vigil.codec.ErrorCode.MALFORMED_PAYLOAD;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.io.IOException;

/** Jackson's parse failures as MALFORMED_PAYLOAD rejections with byte offset, line and column. */
final class JsonSyntax {

    private static final int MAX_DETAIL = 120;

    private JsonSyntax() {
    }

    static Rejection trailing(JsonParser parser) {
        return at(parser.currentTokenLocation(), "the JSON value is followed by more content");
    }

    static Rejection rejection(IOException e, JsonParser parser, int maxDepth) {
        JsonLocation location = e instanceof JsonProcessingException p ? p.getLocation() : null;
        if (location == null && parser != null) {
            location = parser.currentLocation();
        }
        return at(location, detail(e, maxDepth));
    }

    /** Closing a parser over a byte array releases buffers only; it cannot fail in a way that matters. */
    static void close(JsonParser parser) {
        if (parser != null) {
            try {
                parser.close();
            } catch (IOException ignored) {
                // nothing was read from a stream, so there is nothing to report
            }
        }
    }

    private static Rejection at(JsonLocation location, String detail) {
        if (location == null || location.getLineNr() < 0) {
            return Rejection.atOffset(MALFORMED_PAYLOAD, -1, "The payload is not valid JSON: " + detail + ".");
        }
        return Rejection.atOffset(MALFORMED_PAYLOAD, location.getByteOffset(), "The payload is not valid JSON at line "
                + location.getLineNr() + ", column " + location.getColumnNr() + " (byte " + location.getByteOffset()
                + "): " + detail + ".");
    }

    private static String detail(IOException e, int maxDepth) {
        if (e instanceof JsonEOFException) {
            return "it ends before the JSON value is complete";
        }
        String message = e instanceof JsonProcessingException p ? p.getOriginalMessage() : e.getMessage();
        if (message == null) {
            return e.getClass().getSimpleName();
        }
        if (e instanceof StreamConstraintsException && message.startsWith("Document nesting depth")) {
            return "it nests deeper than " + maxDepth + " levels";
        }
        // Jackson appends hints about its own settings and source references; an integrator needs neither.
        int cut = firstOf(message, ": enable `", " (start marker at", " at [Source", "\n", ", from `");
        boolean openParenthesis = message.startsWith(", from `", cut);
        return clean(message.substring(0, cut)) + (openParenthesis ? ")" : "");
    }

    private static int firstOf(String message, String... markers) {
        int cut = message.length();
        for (String marker : markers) {
            int at = message.indexOf(marker);
            if (at >= 0 && at < cut) {
                cut = at;
            }
        }
        return cut;
    }

    private static String clean(String text) {
        String shortened = text.length() > MAX_DETAIL ? text.substring(0, MAX_DETAIL) + "…" : text;
        StringBuilder out = new StringBuilder(shortened.length());
        for (int i = 0; i < shortened.length(); i++) {
            char c = shortened.charAt(i);
            out.append(c < 0x20 || c == 0x7F ? '?' : c);
        }
        return out.toString();
    }
}
