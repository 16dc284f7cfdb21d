package io.vigil.codec.json;

/**
 * Checks bytes against the well-formed UTF-8 sequences of the Unicode Standard, Table 3-7: no overlong forms,
 * no surrogates, nothing above U+10FFFF. Jackson alone would accept some overlong forms inside strings (so
 * {@code "heart-r\xC1\xA1te"} could pass as a key) and would switch to UTF-16/32 on zero bytes; a NUL byte is
 * refused here because it can never occur in a JSON text.
 */
final class WellFormedUtf8 {

    private WellFormedUtf8() {
    }

    /**
     * The offset of the first byte that is not part of a well-formed sequence (or is NUL); the array's length when
     * it ends inside a sequence; -1 when all is well-formed.
     */
    static int firstMalformedByte(byte[] bytes) {
        int i = 0;
        int n = bytes.length;
        while (i < n) {
            int b = bytes[i];
            if (b > 0) {
                i++;
                continue;
            }
            if (b == 0) {
                return i;
            }
            int length = sequenceLength(bytes, i);
            if (length < 0) {
                return -length - 1;
            }
            i += length;
        }
        return -1;
    }

    /** Length of the multi-byte sequence at {@code start}, or {@code -(offset of the bad byte) - 1}. */
    private static int sequenceLength(byte[] bytes, int start) {
        int lead = bytes[start] & 0xFF;
        int length;
        int secondMin = 0x80;
        int secondMax = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            if (lead == 0xE0) {
                secondMin = 0xA0;
            } else if (lead == 0xED) {
                secondMax = 0x9F;
            }
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            if (lead == 0xF0) {
                secondMin = 0x90;
            } else if (lead == 0xF4) {
                secondMax = 0x8F;
            }
        } else {
            return -start - 1;
        }
        for (int k = 1; k < length; k++) {
            int at = start + k;
            if (at >= bytes.length) {
                return -at - 1;
            }
            int c = bytes[at] & 0xFF;
            int min = k == 1 ? secondMin : 0x80;
            int max = k == 1 ? secondMax : 0xBF;
            if (c < min || c > max) {
                return -at - 1;
            }
        }
        return length;
    }
}
