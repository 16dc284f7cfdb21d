package io.vigil.codec.ble;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.codec.ble.Ieee11073Float.Finite;
import io.vigil.codec.ble.Ieee11073Float.Special;
import io.vigil.codec.ble.Ieee11073Float.SpecialValue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** IEEE 11073-20601 SFLOAT and FLOAT, against the examples and special values in DEVICES.md. */
class Ieee11073FloatTest {

    @ParameterizedTest
    @CsvSource({"F014, 2.0", "E0C8, 2.00", "1002, 20", "0B2E, -1234", "0072, 114",
            "F0BD, 18.9", "000B, 11", "F09F, 15.9", "F7FF, 204.7", "FFFF, -0.1", "3001, 1000", "87FF, 0.00002047"})
    void sfloat_publishedExamples(String hex, double expected) {
        assertThat(Ieee11073Float.ofSfloat(Integer.parseInt(hex, 16))).isEqualTo(new Finite(expected));
    }

    @ParameterizedTest
    @CsvSource({"07FF, NAN", "0800, NRES", "07FE, POSITIVE_INFINITY", "0802, NEGATIVE_INFINITY", "0801, RESERVED"})
    void sfloat_specialValues_areNotNumbers(String hex, SpecialValue kind) {
        assertThat(Ieee11073Float.ofSfloat(Integer.parseInt(hex, 16))).isEqualTo(new Special(kind));
    }

    @ParameterizedTest
    @CsvSource({"007FFFFF, NAN", "00800000, NRES", "007FFFFE, POSITIVE_INFINITY", "00800002, NEGATIVE_INFINITY",
            "00800001, RESERVED"})
    void float_specialValues_areNotNumbers(String hex, SpecialValue kind) {
        assertThat(Ieee11073Float.ofFloat(Integer.parseUnsignedInt(hex, 16))).isEqualTo(new Special(kind));
    }

    @ParameterizedTest
    @CsvSource({"FF00016F, 36.7", "00000072, 114", "FE000E42, 36.50", "FF800000, -838860.8", "027FFFFF, 838860700",
            "80000001, 1e-128", "0000F000, 61440"})
    void float_decodesMantissaAndExponent(String hex, double expected) {
        assertThat(Ieee11073Float.ofFloat(Integer.parseUnsignedInt(hex, 16))).isEqualTo(new Finite(expected));
    }

    @ParameterizedTest
    @CsvSource({"17FF", "F800", "E7FE", "1802", "F801"})
    void sfloat_specialMantissaWithNonZeroExponent_isANumber(String hex) {
        assertThat(Ieee11073Float.ofSfloat(Integer.parseInt(hex, 16))).isInstanceOf(Finite.class);
    }
}
