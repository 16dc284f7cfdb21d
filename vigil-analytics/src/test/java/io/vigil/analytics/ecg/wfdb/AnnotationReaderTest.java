package io.vigil.analytics.ecg.wfdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnnotationReaderTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private AnnotationReaderTest word(int code, int arg) {
        int w = code << 10 | arg;
        out.write(w & 0xFF);
        out.write(w >> 8);
        return this;
    }

    private AnnotationReaderTest skip(long interval) {
        word(59, 0);
        int hi = (int) (interval >>> 16);
        int lo = (int) (interval & 0xFFFF);
        out.write(hi & 0xFF);
        out.write(hi >> 8);
        out.write(lo & 0xFF);
        out.write(lo >> 8);
        return this;
    }

    private AnnotationReaderTest aux(String text) {
        word(63, text.length());
        out.writeBytes(text.getBytes());
        if (text.length() % 2 == 1) {
            out.write(0);
        }
        return this;
    }

    @Test
    void decode_beatsRhythmAndSkip_accumulateTimes() {
        word(28, 18).aux("(AFIB").word(1, 59).skip(100_000).word(5, 10).word(61, 3).word(62, 1).word(0, 0);
        List<Annotation> a = AnnotationReader.decode(out.toByteArray()).orElseThrow();
        assertThat(a).containsExactly(
                new Annotation(18, 28, 0, 0, 0, "(AFIB"),
                new Annotation(77, 1, 0, 0, 0, ""),
                new Annotation(100_087, 5, 3, 1, 0, ""));
        assertThat(a).extracting(Annotation::isBeat).containsExactly(false, true, true);
    }

    @Test
    void decode_numField_persistsToLaterAnnotations() {
        word(1, 10).word(60, 2).word(1, 10).word(0, 0);
        assertThat(AnnotationReader.decode(out.toByteArray()).orElseThrow())
                .extracting(Annotation::number).containsExactly(2, 2);
    }

    @Test
    void decode_missingEndWord_failsWithOffset() {
        word(1, 10).word(1, 10);
        assertThat(AnnotationReader.decode(out.toByteArray()))
                .isEqualTo(WfdbRead.failure("truncated annotation file: no end-of-file word", 4));
    }

    @Test
    void decode_truncatedAuxText_fails() {
        word(28, 5);
        word(63, 6);
        out.writeBytes("(N".getBytes());
        assertThat(AnnotationReader.decode(out.toByteArray())).isInstanceOf(WfdbRead.Failure.class);
    }

    @Test
    void decode_truncatedSkip_fails() {
        word(59, 0);
        out.write(1);
        assertThat(AnnotationReader.decode(out.toByteArray())).isEqualTo(WfdbRead.failure("truncated SKIP interval", 2));
    }

    @Test
    void decode_oddByte_failsNotThrows() {
        assertThat(AnnotationReader.decode(new byte[] {1})).isInstanceOf(WfdbRead.Failure.class);
    }

    @Test
    void beatSet_isTheEc57Labels() {
        String beats = "NLRBAaJSVrFejnE/fQ?";
        for (int code = 0; code < 64; code++) {
            String m = AnnotationCode.mnemonic(code);
            assertThat(AnnotationCode.isBeat(code)).as(m).isEqualTo(!m.isEmpty() && m.length() == 1 && beats.contains(m));
        }
    }
}
