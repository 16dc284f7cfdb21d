package io.vigil.analytics.ecg.wfdb;

/** WFDB annotation codes (ecgcodes.h) and the beat set counted by EC57. */
public final class AnnotationCode {

    public static final int NORMAL = 1;
    public static final int PVC = 5;
    public static final int ARTIFACT = 16;
    public static final int RHYTHM = 28;

    private static final String[] MNEMONICS = {
        "", "N", "L", "R", "a", "V", "F", "J", "A", "S", "E", "j", "/", "Q", "~", "", "|", "", "s", "T", "*",
        "D", "\"", "=", "p", "B", "^", "t", "+", "u", "?", "!", "[", "]", "e", "n", "@", "x", "f", "(", ")", "r",
    };

    // N L R a V F J A S E j / Q (1–13), B 25, ? 30, e 34, n 35, f 38, r 41
    private static final long BEATS = 0b1111111111111L << 1 | 1L << 25 | 1L << 30 | 1L << 34 | 1L << 35
            | 1L << 38 | 1L << 41;

    private AnnotationCode() {
    }

    public static boolean isBeat(int code) {
        return code > 0 && code < 64 && (BEATS >>> code & 1) == 1;
    }

    public static String mnemonic(int code) {
        return code >= 0 && code < MNEMONICS.length ? MNEMONICS[code] : "[" + code + "]";
    }
}
