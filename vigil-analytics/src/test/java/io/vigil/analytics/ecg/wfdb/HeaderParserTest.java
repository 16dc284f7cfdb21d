package io.vigil.analytics.ecg.wfdb;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeaderParserTest {

    @Test
    void parse_gainWithBaselineAndUnits_readsBaseline() {
        String text = "# comment\nrec 1 500 1000\nrec.dat 212 400(10)/mV 12 0 5 -3 0 ECG lead II\n";
        RecordHeader h = HeaderParser.parse(text).orElseThrow();
        assertThat(h.sampleRate()).isEqualTo(500);
        SignalSpec s = h.signals().getFirst();
        assertThat(s.gain()).isEqualTo(400);
        assertThat(s.baseline()).isEqualTo(10);
        assertThat(s.description()).isEqualTo("ECG lead II");
        assertThat(h.signalIndex("ecg lead ii")).isZero();
    }

    @Test
    void parse_missingSignalLines_failsWithLine() {
        assertThat(HeaderParser.parse("100 2 360 650000\n100.dat 212 200 11 1024 995 -22131 0 MLII\n"))
                .isEqualTo(WfdbRead.failure("header declares 2 signals but has 1", 2));
    }

    @Test
    void parse_garbage_failsNotThrows() {
        assertThat(HeaderParser.parse("100 two 360")).isInstanceOf(WfdbRead.Failure.class);
        assertThat(HeaderParser.parse("")).isInstanceOf(WfdbRead.Failure.class);
        assertThat(HeaderParser.parse("100 1 360 10\nx.dat abc")).isInstanceOf(WfdbRead.Failure.class);
    }
}
