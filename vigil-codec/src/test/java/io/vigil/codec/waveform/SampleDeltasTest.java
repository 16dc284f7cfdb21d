package io.vigil.codec.waveform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SampleDeltasTest {

    @Test
    void encode_publishedLeb128Examples() {
        // differences 0, -1, +1, -64, +64, +64; zig-zag (protobuf) 0, 1, 2, 127, 128, 128; LEB128 of 128 = 80 01.
        // -312243 zig-zags to 624485 = E5 8E 26 (the DWARF specification's LEB128 example); +312243 to 624486.
        assertThat(SampleDeltas.encode(new int[] {0, -1, 0, -64, 0, 64})).containsExactly(0, 1, 2, 127, 0x80, 1, 0x80, 1);
        assertThat(SampleDeltas.encode(new int[] {-312243, 0})).containsExactly(0xE5, 0x8E, 0x26, 0xE6, 0x8E, 0x26);
    }

    @Test
    void decode_extremes_roundTrip() {
        int[] samples = {Integer.MIN_VALUE, Integer.MAX_VALUE, 0, Integer.MIN_VALUE, -1, 1};
        byte[] bytes = SampleDeltas.encode(samples);
        int[] back = new int[samples.length];
        assertThat(SampleDeltas.decode(bytes, 0, samples.length, back)).isEqualTo(bytes.length);
        assertThat(back).containsExactly(samples);
    }

    @Test
    void decode_randomWalks_roundTrip() {
        Random random = new Random(1);
        for (int trial = 0; trial < 200; trial++) {
            int[] samples = new int[random.nextInt(500) + 1];
            int v = random.nextInt();
            for (int i = 0; i < samples.length; i++) {
                v += random.nextInt(1 << random.nextInt(20)) - (1 << 10);
                samples[i] = v;
            }
            byte[] bytes = SampleDeltas.encode(samples);
            int[] back = new int[samples.length];
            assertThat(SampleDeltas.decode(bytes, 0, samples.length, back)).isEqualTo(bytes.length);
            assertThat(back).containsExactly(samples);
        }
    }

    @Test
    void decode_endsEarly_pointsPastTheEnd() {
        byte[] bytes = {2, (byte) 0x80};
        assertThat(SampleDeltas.decode(bytes, 0, 2, new int[2])).isEqualTo(-2 - 1);
    }
}
