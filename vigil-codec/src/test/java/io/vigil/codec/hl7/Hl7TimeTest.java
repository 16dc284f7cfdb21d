package io.vigil.codec.hl7;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Hl7TimeTest {
    /** The DTM grammar as a regular expression (what the reader read with before): the reference for the shapes. */
    private static final Pattern DTM = Pattern.compile(
            "\\d{12}(\\d{2}(\\.\\d{1,4})?)?([+-]\\d{4})?");

    @ParameterizedTest
    @CsvSource({
            "202106111020, 2021-06-11T10:20:00Z",
            "20210611102047, 2021-06-11T10:20:47Z",
            "20210611102047.5, 2021-06-11T10:20:47.500Z",
            "20210611102047.1234, 2021-06-11T10:20:47.123400Z",
            "20210611102047+0200, 2021-06-11T08:20:47Z",
            "20210611102047.25-0330, 2021-06-11T13:50:47.250Z",
            "202106111020-0000, 2021-06-11T10:20:00Z"})
    void parse_dtmShapes_giveTheInstant(String text, String expected) throws Hl7Rejection {
        assertThat(Hl7Time.parse(text, ZoneOffset.UTC, "OBX[1]-14")).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2021", "20210611", "2021061110", "20210611102", "2021061110204", "20210611102047.",
            "20210611102047.12345", "202106111020.5", "20210611102047+02", "20210611102047+02000", "20210611102047Z",
            "2021O611102047", "20210611102047 ", "２０２１０６１１１０２０"})
    void parse_notADtmToTheMinute_refusedWithPosition(String text) {
        assertThat(DTM.matcher(text).matches()).as("the reference grammar agrees").isFalse();
        assertThatThrownBy(() -> Hl7Time.parse(text, ZoneOffset.UTC, "OBX[2]-14"))
                .isInstanceOfSatisfying(Hl7Rejection.class, r -> assertThat(r.error().field()).isEqualTo("OBX[2]-14"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"20211311102047", "20210631102047", "20210611252047", "20210611102047+1900"})
    void parse_rightShapeButNoSuchTime_refused(String text) {
        assertThat(DTM.matcher(text).matches()).isTrue();
        assertThatThrownBy(() -> Hl7Time.parse(text, ZoneOffset.UTC, "MSH-7")).isInstanceOf(Hl7Rejection.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"20210611102047"})
    void parse_withoutOffset_readInTheConfiguredZone(String text) throws Hl7Rejection {
        assertThat(Hl7Time.parse(text, ZoneId.of("Europe/Paris"), "MSH-7")).isEqualTo(Instant.parse("2021-06-11T08:20:47Z"));
    }
}
