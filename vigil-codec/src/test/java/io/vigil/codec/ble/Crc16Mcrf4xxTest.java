package io.vigil.codec.ble;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Crc16Mcrf4xxTest {

    @Test
    void checkValue_of123456789_is6F91() {
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertThat(Crc16Mcrf4xx.of(check, 0, check.length)).isEqualTo(0x6F91);
    }

    @Test
    void emptyInput_isTheInitialValue() {
        assertThat(Crc16Mcrf4xx.of(new byte[0], 0, 0)).isEqualTo(0xFFFF);
    }
}
