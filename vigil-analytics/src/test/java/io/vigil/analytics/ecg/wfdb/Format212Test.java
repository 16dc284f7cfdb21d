package io.vigil.analytics.ecg.wfdb;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Format212Test {

    /** Packs two 12-bit samples the way format 212 does (byte 1: low nibble = s0 high bits, high nibble = s1). */
    private static byte[] pack(int s0, int s1) {
        int a = s0 & 0xFFF;
        int b = s1 & 0xFFF;
        return new byte[] {(byte) a, (byte) ((a >> 8) | ((b >> 8) << 4)), (byte) b};
    }

    @Test
    void decode_twoSignals_deinterleavesPairs() {
        byte[] data = new byte[6];
        System.arraycopy(pack(995, 1011), 0, data, 0, 3);
        System.arraycopy(pack(1, 2047), 0, data, 3, 3);
        int[][] s = Format212.decode(data, 2, 2).orElseThrow();
        assertThat(s[0]).containsExactly(995, 1);
        assertThat(s[1]).containsExactly(1011, 2047);
    }

    @Test
    void decode_negativeTwelveBitValues_areSignExtended() {
        byte[] data = new byte[6];
        System.arraycopy(pack(-1, -2048), 0, data, 0, 3);
        System.arraycopy(pack(-300, 2047), 0, data, 3, 3);
        int[][] s = Format212.decode(data, 2, 0).orElseThrow();
        assertThat(s[0]).containsExactly(-1, -300);
        assertThat(s[1]).containsExactly(-2048, 2047);
    }

    @Test
    void decode_knownBytes_giveKnownValues() {
        // 0xFF 0x0F 0x00: s0 = 0xFFF = -1, s1 = 0; 0x00 0x80 0x00: s0 = 0, s1 = 0x800 = -2048
        int[][] s = Format212.decode(new byte[] {(byte) 0xFF, 0x0F, 0x00, 0x00, (byte) 0x80, 0x00}, 2, 2).orElseThrow();
        assertThat(s[0]).containsExactly(-1, 0);
        assertThat(s[1]).containsExactly(0, -2048);
    }

    @Test
    void decode_truncatedData_failsWithOffset() {
        WfdbRead<int[][]> read = Format212.decode(new byte[] {1, 2, 3, 4}, 2, 2);
        assertThat(read).isEqualTo(WfdbRead.failure("truncated format-212 data: need 6 bytes, have 4", 4));
    }

    @Test
    void decode_noSignals_fails() {
        assertThat(Format212.decode(new byte[3], 0, 0)).isInstanceOf(WfdbRead.Failure.class);
    }
}
