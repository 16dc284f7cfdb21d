package io.vigil.server.waveform;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.codec.waveform.WaveformFrame;
import io.vigil.codec.waveform.WaveformSignal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WaveformIntakeTest {
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    /** The previous frame: sequence 9, 250 samples at 250 Hz from T0. */
    private static final WaveformIntake.Tail TAIL = new WaveformIntake.Tail(9, T0, T0.plusSeconds(1), 250);

    private static WaveformFrame frame(long sequence, Instant start) {
        return new WaveformFrame(sequence, start, 250, WaveformSignal.ECG_II, "mV", 200, 0, false, new int[250]);
    }

    @Test
    void nextFrameOnTime_isNoBreak() {
        assertThat(WaveformIntake.discontinuity(TAIL, frame(10, T0.plusSeconds(1)))).isEmpty();
        // within one sample period (4 ms) of the expected start: device clock jitter, not a break
        assertThat(WaveformIntake.discontinuity(TAIL, frame(10, T0.plusMillis(1003)))).isEmpty();
    }

    @Test
    void lateStart_isAGapOfTheMissingTime() {
        Discontinuity d = WaveformIntake.discontinuity(TAIL, frame(12, T0.plusSeconds(3))).orElseThrow();
        assertThat(d.kind()).isEqualTo("gap");
        assertThat(d.size()).isEqualTo(Duration.ofSeconds(2));
        assertThat(d.expectedSequence()).isEqualTo(10);
        assertThat(d.sequence()).isEqualTo(12);
    }

    @Test
    void earlyStart_isAnOverlapOfTheDoubledTime() {
        Discontinuity d = WaveformIntake.discontinuity(TAIL, frame(10, T0.plusMillis(500))).orElseThrow();
        assertThat(d.kind()).isEqualTo("overlap");
        assertThat(d.size()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void sequenceSkipOrRepeatOnTime_isAGapOrOverlapWithoutTime() {
        Discontinuity skipped = WaveformIntake.discontinuity(TAIL, frame(11, T0.plusSeconds(1))).orElseThrow();
        assertThat(skipped.kind()).isEqualTo("gap");
        assertThat(skipped.size()).isZero();
        assertThat(WaveformIntake.discontinuity(TAIL, frame(9, T0.plusSeconds(1))).orElseThrow().kind()).isEqualTo("overlap");
    }

    @Test
    void sequenceWrapsAtUint32() {
        WaveformIntake.Tail last = new WaveformIntake.Tail(0xFFFF_FFFFL, T0, T0.plusSeconds(1), 250);
        assertThat(WaveformIntake.discontinuity(last, frame(0, T0.plusSeconds(1)))).isEmpty();
    }

    @Test
    void firstFrameOfADevice_isNoBreak() {
        WaveformIntake.Tail none = new WaveformIntake.Tail(-1, Instant.MIN, Instant.MIN, 0);
        assertThat(WaveformIntake.discontinuity(none, frame(5, T0))).isEqualTo(Optional.empty());
    }
}
