package io.vigil.server.rpm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ChartTimerTest {
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void credit_firstBeat_isWhatThePageClaims() {
        assertThat(new ChartTimer().credit("clinician", "p-1", 30, T0)).isEqualTo(30);
    }

    @Test
    void credit_secondTabBeatingSoonAfter_getsOnlyTheTimeBetween() {
        ChartTimer timer = new ChartTimer();
        timer.credit("clinician", "p-1", 30, T0);
        assertThat(timer.credit("clinician", "p-1", 30, T0.plusSeconds(12))).isEqualTo(12);
        assertThat(timer.credit("clinician", "p-1", 30, T0.plusSeconds(12))).isZero();
        assertThat(timer.credit("clinician", "p-1", 30, T0.plusSeconds(42))).isEqualTo(30);
    }

    @Test
    void credit_isPerClinicianAndPatient() {
        ChartTimer timer = new ChartTimer();
        timer.credit("clinician", "p-1", 30, T0);
        assertThat(timer.credit("other", "p-1", 30, T0.plusSeconds(1))).isEqualTo(30);
        assertThat(timer.credit("clinician", "p-2", 30, T0.plusSeconds(1))).isEqualTo(30);
    }

    @Test
    void credit_afterALongPause_isNeverMoreThanTheClaimNorAMinute() {
        ChartTimer timer = new ChartTimer();
        timer.credit("clinician", "p-1", 30, T0);
        assertThat(timer.credit("clinician", "p-1", 30, T0.plusSeconds(3600))).isEqualTo(30);
        assertThat(timer.credit("clinician", "p-1", 600, T0.plusSeconds(7200))).isEqualTo(ChartTimer.LONGEST_BEAT);
    }
}
