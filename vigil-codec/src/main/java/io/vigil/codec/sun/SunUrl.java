package io.vigil.codec.sun;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/**
 * The SUN parameters of a tapped tag's URL, parsed but not yet verified. Three forms, as NTAG 424 DNA mirrors them
 * in AES mode:
 * <ul>
 *   <li>{@code ?picc_data=<32 hex>[&enc=<32·n hex>]&cmac=<16 hex>} (AN12196's names);</li>
 *   <li>{@code ?e=<32 hex>[&enc=<32·n hex>]&c=<16 hex>} (the short names);</li>
 *   <li>{@code ?uid=<14 hex>&ctr=<6 hex>&cmac=<16 hex>} (UID and counter mirrored in the clear; the MAC still proves
 *   the tap, the URL just does not hide who was tapped).</li>
 * </ul>
 * The MAC input is empty, or — with encrypted file data — the URL's own text from the first digit of {@code enc} up
 * to the first digit of the MAC (SDMMACInputOffset = SDMENCOffset), e.g. {@code CEE9…8962&cmac=}. Other parameters
 * are ignored. Parsing never throws.
 *
 * @param encryptedPicc the 16 encrypted PICC bytes, or null in the plain form
 * @param plainPicc     the UID and counter of the plain form, or null
 * @param encFileData   the encrypted file data, empty when absent
 * @param mac           the 8 transmitted MAC bytes
 * @param macInput      the bytes the MAC covers
 */
public record SunUrl(byte[] encryptedPicc, PiccData plainPicc, byte[] encFileData, byte[] mac, byte[] macInput) {
    /** Longer than any tag's NDEF URL (the file is 256 bytes). */
    public static final int MAX_LENGTH = 1024;
    private static final int MAX_FILE_DATA = 128;
    private static final Set<String> KNOWN = Set.of("picc_data", "e", "enc", "cmac", "c", "uid", "ctr");
    private static final HexFormat HEX = HexFormat.of();

    public SunUrl {
        encryptedPicc = encryptedPicc == null ? null : encryptedPicc.clone();
        encFileData = encFileData.clone();
        mac = mac.clone();
        macInput = macInput.clone();
    }

    /** Whether the UID and counter travel in the clear. */
    public boolean plain() {
        return plainPicc != null;
    }

    /** Reads the SUN parameters of a whole URL, or of its query alone. */
    public static SunResult<SunUrl> parse(String url) {
        if (url == null || url.isEmpty()) {
            return malformed("the URL is empty");
        }
        if (url.length() > MAX_LENGTH) {
            return malformed("the URL is longer than " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < url.length(); i++) {
            char ch = url.charAt(i);
            if (ch < 0x21 || ch > 0x7E) {
                return malformed("the URL has a character outside printable ASCII at " + i);
            }
        }
        int queryStart = url.indexOf('?') + 1;
        int fragment = url.indexOf('#', queryStart);
        int queryEnd = fragment < 0 ? url.length() : fragment;
        Map<String, int[]> spans = new HashMap<>();
        int at = queryStart;
        while (at <= queryEnd) {
            int amp = url.indexOf('&', at);
            int end = amp < 0 || amp > queryEnd ? queryEnd : amp;
            int eq = url.indexOf('=', at);
            if (eq > at && eq < end) {
                String name = url.substring(at, eq);
                if (KNOWN.contains(name) && spans.put(name, new int[] {eq + 1, end}) != null) {
                    return malformed("the parameter " + name + " appears twice");
                }
            }
            at = end + 1;
        }
        return fromSpans(url, spans);
    }

    private static SunResult<SunUrl> fromSpans(String url, Map<String, int[]> spans) {
        boolean longNames = spans.containsKey("picc_data") || spans.containsKey("cmac");
        boolean shortNames = spans.containsKey("e") || spans.containsKey("c");
        if (longNames && shortNames) {
            return malformed("the URL mixes picc_data/cmac with e/c");
        }
        String macName = shortNames ? "c" : "cmac";
        int[] macSpan = spans.get(macName);
        if (macSpan == null) {
            return malformed("the URL has no " + macName + " parameter");
        }
        byte[] mac = hex(url, macSpan, 16);
        if (mac == null) {
            return malformed(macName + " is not 16 hex digits");
        }
        byte[] fileData = new byte[0];
        byte[] macInput = new byte[0];
        int[] encSpan = spans.get("enc");
        if (encSpan != null) {
            int digits = encSpan[1] - encSpan[0];
            if (digits == 0 || digits % 32 != 0 || digits > 2 * MAX_FILE_DATA) {
                return malformed("enc is not a multiple of 32 hex digits (at most " + 2 * MAX_FILE_DATA + ")");
            }
            fileData = hex(url, encSpan, digits);
            if (fileData == null) {
                return malformed("enc is not hex");
            }
            if (encSpan[0] >= macSpan[0]) {
                return malformed("enc must come before " + macName + ": the MAC covers the text between them");
            }
            macInput = url.substring(encSpan[0], macSpan[0]).getBytes(StandardCharsets.US_ASCII);
        }
        String piccName = shortNames ? "e" : "picc_data";
        int[] piccSpan = spans.get(piccName);
        if (piccSpan != null) {
            if (spans.containsKey("uid") || spans.containsKey("ctr")) {
                return malformed("the URL carries both encrypted and plain PICC data");
            }
            byte[] picc = hex(url, piccSpan, 32);
            if (picc == null) {
                return malformed(piccName + " is not 32 hex digits (AES mode; LRP's 48 are not supported)");
            }
            return SunResult.ok(new SunUrl(picc, null, fileData, mac, macInput));
        }
        return plainForm(url, spans, fileData, mac, macInput, piccName);
    }

    private static SunResult<SunUrl> plainForm(String url, Map<String, int[]> spans, byte[] fileData, byte[] mac,
                                               byte[] macInput, String piccName) {
        int[] uidSpan = spans.get("uid");
        int[] ctrSpan = spans.get("ctr");
        if (uidSpan == null || ctrSpan == null) {
            return malformed("the URL has neither " + piccName + " nor uid and ctr");
        }
        byte[] uid = hex(url, uidSpan, 14);
        byte[] ctr = hex(url, ctrSpan, 6);
        if (uid == null || ctr == null) {
            return malformed("uid is not 14 hex digits or ctr not 6");
        }
        // The tag mirrors the plain counter most significant byte first.
        int counter = ((ctr[0] & 0xFF) << 16) | ((ctr[1] & 0xFF) << 8) | (ctr[2] & 0xFF);
        PiccData picc = new PiccData(HEX.formatHex(uid).toUpperCase(java.util.Locale.ROOT), counter);
        return SunResult.ok(new SunUrl(null, picc, fileData, mac, macInput));
    }

    private static byte[] hex(String url, int[] span, int digits) {
        if (span[1] - span[0] != digits) {
            return null;
        }
        for (int i = span[0]; i < span[1]; i++) {
            if (Character.digit(url.charAt(i), 16) < 0) {
                return null;
            }
        }
        return HEX.parseHex(url, span[0], span[1]);
    }

    private static SunResult<SunUrl> malformed(String detail) {
        return SunResult.refused(SunRefusal.MALFORMED_URL, detail);
    }
}
