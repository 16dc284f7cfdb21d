package io.vigil.codec.sun;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.codec.json.ByteMutation;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Malformed, truncated and mutated URLs: refused as values, never an exception, never a verified tap. */
class SunUrlTest {
    private static final String AN12196 =
            "https://my424dna.com/?picc_data=FD91EC264309878BE6345CBE53BADF40&enc=CEE9A53E3E463EF1F459635736738962&cmac=ECC1E7F6C6C73BF6";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "no query | https://example.com/",
        "MAC missing | ?e=EF963FF7828658A599F3041510671E88",
        "PICC missing | ?c=94EED9EE65337086",
        "PICC too short | ?e=EF963FF7828658A599F3041510671E&c=94EED9EE65337086",
        "LRP-length PICC | ?e=EF963FF7828658A599F3041510671E88EF963FF782865800&c=94EED9EE65337086",
        "PICC not hex | ?e=EF963FF7828658A599F3041510671EXX&c=94EED9EE65337086",
        "MAC too long | ?e=EF963FF7828658A599F3041510671E88&c=94EED9EE6533708600",
        "names mixed | ?e=EF963FF7828658A599F3041510671E88&cmac=94EED9EE65337086",
        "parameter twice | ?e=EF963FF7828658A599F3041510671E88&e=EF963FF7828658A599F3041510671E88&c=94EED9EE65337086",
        "enc not whole blocks | ?picc_data=FD91EC264309878BE6345CBE53BADF40&enc=CEE9A53E&cmac=ECC1E7F6C6C73BF6",
        "enc after MAC | ?picc_data=FD91EC264309878BE6345CBE53BADF40&cmac=ECC1E7F6C6C73BF6&enc=CEE9A53E3E463EF1F459635736738962",
        "plain and encrypted | ?picc_data=FD91EC264309878BE6345CBE53BADF40&uid=041E3C8A2D6B80&ctr=000006&cmac=ECC1E7F6C6C73BF6",
        "plain without counter | ?uid=041E3C8A2D6B80&cmac=4B00064004B0B3D3",
        "space inside | ?e=EF963FF7828658A5 9F3041510671E88&c=94EED9EE65337086"})
    void parse_malformed_refusedWithReason(String name, String url) {
        assertThat(SunUrl.parse(url)).isInstanceOfSatisfying(SunResult.Refused.class, r -> {
            assertThat(r.reason()).isEqualTo(SunRefusal.MALFORMED_URL);
            assertThat(r.detail()).isNotBlank();
        });
    }

    @Test
    void parse_nullEmptyAndHuge_refused() {
        assertThat(SunUrl.parse(null)).isInstanceOf(SunResult.Refused.class);
        assertThat(SunUrl.parse("")).isInstanceOf(SunResult.Refused.class);
        assertThat(SunUrl.parse("?e=" + "A".repeat(SunUrl.MAX_LENGTH))).isInstanceOf(SunResult.Refused.class);
    }

    @Test
    void parse_everyTruncation_neverVerifies() {
        for (int length = 0; length < AN12196.length(); length++) {
            assertThat(verifiedUnderZeroKeys(AN12196.substring(0, length))).as("first %d characters", length).isFalse();
        }
        assertThat(verifiedUnderZeroKeys(AN12196)).isTrue();
    }

    @Test
    void verify_randomMutations_neverThrowAndOnlyTheOriginalVerifies() {
        Random random = new Random(424);
        byte[] original = AN12196.getBytes(StandardCharsets.US_ASCII);
        int verified = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] mutated = ByteMutation.apply(original, random);
            String url = new String(mutated, StandardCharsets.ISO_8859_1);
            if (verifiedUnderZeroKeys(url)) {
                verified++;
                // A mutation that still verifies may only touch what the MAC does not cover: the host, unknown
                // parameters, or hex case of PICC data and MAC.
                SunVerifierTest.verified(url, SunVerifierTest.ZERO, SunVerifierTest.ZERO);
                assertThat(url).containsIgnoringCase("FD91EC264309878BE6345CBE53BADF40")
                        .contains("CEE9A53E3E463EF1F459635736738962&cmac=").containsIgnoringCase("ECC1E7F6C6C73BF6");
            }
        }
        assertThat(verified).isLessThan(20_000);
    }

    static boolean verifiedUnderZeroKeys(String url) {
        return SunUrl.parse(url) instanceof SunResult.Ok<SunUrl> ok
                && SunVerifier.readPicc(ok.value(), SunVerifierTest.ZERO) instanceof SunResult.Ok<PiccData> picc
                && SunVerifier.verify(ok.value(), picc.value(), SunVerifierTest.ZERO) instanceof SunResult.Ok<VerifiedTap>;
    }
}
