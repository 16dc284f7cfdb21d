package io.vigil.codec.hl7;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HL7 v2 original-mode acknowledgement (ACK) of an inbound message: MSH, MSA (MSA-1 AA/AE/AR, MSA-2 the
 * inbound MSH-10, MSA-3 a text) and, on failure, ERR with the HL7 table 0357 code, the location and Vigil's code.
 * Built from the inbound's raw MSH so that even a message Vigil could not parse gets an answer it can match.
 */
public final class Hl7Acknowledgement {

    /** MSA-1. AA: stored. AE: refused for its content (do not resend as is). AR: not processed (may resend). */
    public enum Code { AA, AE, AR }

    private static final DateTimeFormatter DTM = DateTimeFormatter.ofPattern("yyyyMMddHHmmssZ").withZone(ZoneOffset.UTC);
    private static final Pattern POSITION = Pattern.compile("([A-Z][A-Z0-9]{2})(?:\\[(\\d+)])?(?:-(\\d+))?");

    private Hl7Acknowledgement() {
    }

    /**
     * @param inbound   the message as received (possibly malformed)
     * @param code      MSA-1
     * @param text      MSA-3, one sentence without patient data, or null
     * @param vigilCode on failure the VIGIL-nnnn code (ERR-5), else null
     * @param position  on failure where, e.g. {@code OBX[3]-6} (ERR-2), or null
     * @param now       MSH-7
     * @param ackId     MSH-10 of the acknowledgement itself
     */
    public static String build(byte[] inbound, Code code, String text, String vigilCode, String position, Instant now,
                               String ackId) {
        String[] msh = inboundHeader(inbound);
        StringBuilder ack = new StringBuilder(256);
        ack.append("MSH|^~\\&|VIGIL|VIGIL|").append(escape(first(msh, 3))).append('|').append(escape(first(msh, 4)))
                .append('|').append(DTM.format(now)).append("||ACK^R01^ACK|").append(escape(ackId)).append('|')
                .append(orDefault(first(msh, 11), "P")).append('|').append(orDefault(first(msh, 12), "2.6")).append('\r');
        ack.append("MSA|").append(code.name()).append('|').append(escape(field(msh, 10)));
        if (text != null) {
            ack.append('|').append(escape(text));
        }
        ack.append('\r');
        if (code != Code.AA) {
            ack.append("ERR||").append(location(position)).append('|').append(hl7Error(vigilCode)).append("|E|")
                    .append(vigilCode == null ? "" : escape(vigilCode) + "^^99VIGIL").append("|||")
                    .append(text == null ? "" : escape(text)).append('\r');
        }
        return ack.toString();
    }

    /** MSA-1 and MSA-2 of an acknowledgement, for senders waiting on one (outbound). */
    public record Received(String code, String controlId, String text) {}

    /** Reads an ACK's MSA; null when the text has no MSA segment. */
    public static Received read(String ack) {
        for (String segment : ack.split("[\r\n]+")) {
            if (segment.startsWith("MSA") && segment.length() > 4) {
                String[] fields = segment.split(Pattern.quote(String.valueOf(segment.charAt(3))), -1);
                return new Received(fields.length > 1 ? fields[1] : "", fields.length > 2 ? fields[2] : "",
                        fields.length > 3 ? fields[3] : "");
            }
        }
        return null;
    }

    /** The fields of the inbound's first segment, MSH-n at index n − 1; empty when it is not an MSH. */
    private static String[] inboundHeader(byte[] inbound) {
        if (inbound == null || inbound.length < 8) {
            return new String[0];
        }
        String head = new String(inbound, 0, Math.min(inbound.length, 2048), StandardCharsets.UTF_8);
        int end = head.indexOf('\r');
        int lf = head.indexOf('\n');
        end = end < 0 ? lf : lf < 0 ? end : Math.min(end, lf);
        String segment = end < 0 ? head : head.substring(0, end);
        if (!segment.startsWith("MSH") || segment.length() < 8) {
            return new String[0];
        }
        char fieldSeparator = segment.charAt(3);
        char componentSeparator = segment.charAt(4);
        String[] fields = segment.split(Pattern.quote(String.valueOf(fieldSeparator)), -1);
        for (int i = 2; i < fields.length; i++) {
            int component = fields[i].indexOf(componentSeparator);
            fields[i] = component < 0 ? fields[i] : fields[i].substring(0, component) + '\u0000' + fields[i].substring(component + 1);
        }
        return fields;
    }

    /** MSH-n whole (components rejoined with ^). */
    private static String field(String[] msh, int n) {
        return n - 1 < msh.length && n >= 3 ? msh[n - 1].replace('\u0000', '^') : "";
    }

    /** The first component of MSH-n. */
    private static String first(String[] msh, int n) {
        String field = n - 1 < msh.length && n >= 3 ? msh[n - 1] : "";
        int component = field.indexOf('\u0000');
        return component < 0 ? field : field.substring(0, component);
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isEmpty() || !value.matches("[A-Za-z0-9.]{1,8}") ? fallback : value;
    }

    /** ERL: segment^sequence^field, from {@code OBX[3]-6}. */
    private static String location(String position) {
        Matcher m = position == null ? null : POSITION.matcher(position);
        if (m == null || !m.matches()) {
            return "";
        }
        return m.group(1) + '^' + (m.group(2) == null ? "1" : m.group(2)) + (m.group(3) == null ? "" : "^" + m.group(3));
    }

    /** HL7 table 0357 (message error condition codes) for a Vigil code. */
    private static String hl7Error(String vigilCode) {
        if (vigilCode == null) {
            return "207^Application internal error^HL70357";
        }
        return switch (vigilCode) {
            case "VIGIL-1030" -> "102^Data type error^HL70357";
            case "VIGIL-1031" -> "200^Unsupported message type^HL70357";
            case "VIGIL-1034" -> "101^Required field missing^HL70357";
            case "VIGIL-1003", "VIGIL-1005", "VIGIL-1006" -> "102^Data type error^HL70357";
            case "VIGIL-1032" -> "103^Table value not found^HL70357";
            // 1033: no device named; 1400: the server's "equipment is no registered device".
            case "VIGIL-1033", "VIGIL-1400" -> "204^Unknown key identifier^HL70357";
            default -> "207^Application internal error^HL70357";
        };
    }

    /** HL7 escape sequences for the separators, and no segment breaks inside a field. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\E\\");
                case '|' -> out.append("\\F\\");
                case '^' -> out.append("\\S\\");
                case '&' -> out.append("\\T\\");
                case '~' -> out.append("\\R\\");
                case '\u0000' -> out.append("\\S\\");
                default -> out.append(c < ' ' ? ' ' : c);
            }
        }
        return out.toString();
    }
}
