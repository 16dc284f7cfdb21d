package io.vigil.codec.sun;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** RFC 4493 §4 test vectors (AES-128, key 2b7e1516…), and NXP AN10922's AES-128 diversification example. */
class AesCmacTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] KEY = HEX.parseHex("2b7e151628aed2a6abf7158809cf4f3c");

    @ParameterizedTest(name = "RFC 4493 example {index}: {0} bytes")
    @CsvSource({
        "0, '', bb1d6929e95937287fa37d129b756746",
        "16, 6bc1bee22e409f96e93d7e117393172a, 070a16b46b4d4144f79bdd9dd04a287c",
        "40, 6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411,"
                + " dfa66747de9ae63030ca32611497c827",
        "64, 6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710,"
                + " 51f0bebf7e3b9d92fc49741779363cfe"})
    void mac_rfc4493Vectors(int length, String message, String expected) {
        byte[] bytes = message == null ? new byte[0] : HEX.parseHex(message);
        assertThat(bytes).hasSize(length);
        assertThat(HEX.formatHex(AesCmac.mac(KEY, bytes))).isEqualTo(expected);
    }

    @Test
    void mac_oneBitChanged_changesTheMac() {
        byte[] message = HEX.parseHex("6bc1bee22e409f96e93d7e117393172a");
        message[15] ^= 1;
        assertThat(HEX.formatHex(AesCmac.mac(KEY, message))).isNotEqualTo("070a16b46b4d4144f79bdd9dd04a287c");
    }

    @Test
    void diversify_an10922Aes128Example() {
        byte[] master = HEX.parseHex("00112233445566778899AABBCCDDEEFF");
        // M = UID 04782E21801D80 ‖ AID 3042F5 ‖ system identifier "NXP Abu"
        byte[] input = HEX.parseHex("04782E21801D803042F54E585020416275");
        assertThat(HEX.formatHex(DiversifiedKey.of(master, input))).isEqualToIgnoringCase("A8DD63A3B89D54B37CA802473FDA9175");
    }
}
