package io.vigil.analytics.ecg.wfdb;

/**
 * One WFDB annotation.
 *
 * @param sample sample index (time) of the annotation
 * @param code   WFDB annotation code (1 = N, 5 = V, 28 = rhythm change …), see {@link AnnotationCode}
 * @param aux    auxiliary text (rhythm label such as {@code (AFIB}), empty if none
 */
public record Annotation(long sample, int code, int subtype, int channel, int number, String aux) {

    /** Whether this annotation marks a beat (the EC57 beat set). */
    public boolean isBeat() {
        return AnnotationCode.isBeat(code);
    }

    /** The one- or two-character WFDB mnemonic of the code. */
    public String mnemonic() {
        return AnnotationCode.mnemonic(code);
    }
}
