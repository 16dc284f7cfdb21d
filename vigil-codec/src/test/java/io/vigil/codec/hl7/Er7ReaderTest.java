package io.vigil.codec.hl7;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class Er7ReaderTest {

    private static List<Er7Segment> read(String text) {
        return Er7Reader.segments(text);
    }

    @Test
    void segments_crLfAndCrlf_allEndSegmentsAndBlankLinesArePassedOver() {
        List<Er7Segment> segments = read("MSH|^~\\&|A\r\nPID|||1\n\nOBX|1|NM\rOBR|1");
        assertThat(segments).extracting(Er7Segment::name).containsExactly("MSH", "PID", "OBX", "OBR");
        assertThat(segments.get(1).text(3, 1)).isEqualTo("1");
        assertThat(segments.get(3).text(1, 1)).isEqualTo("1");
    }

    @Test
    void msh_fieldOneIsTheSeparatorAndFieldTwoTheEncodingCharacters() {
        Er7Segment msh = read("MSH|^~\\&|APP^EUI^EUI-64|FAC|||||ORU^R01^ORU_R01|CTRL-1").getFirst();
        assertThat(msh.text(1, 1)).isEqualTo("|");
        assertThat(msh.text(2, 1)).isEqualTo("^~\\&");
        assertThat(msh.text(3, 1)).isEqualTo("APP");
        assertThat(msh.text(3, 3)).isEqualTo("EUI-64");
        assertThat(msh.text(4, 1)).isEqualTo("FAC");
        assertThat(msh.text(9, 2)).isEqualTo("R01");
        assertThat(msh.text(10, 1)).isEqualTo("CTRL-1");
    }

    @Test
    void separators_declaredInMsh_areTheOnesUsed() {
        List<Er7Segment> segments = read("MSH#*!$%#APP*EUI#FAC\rOBX#1#NM#a*b%c!d*e");
        Er7Segment obx = segments.get(1);
        assertThat(segments.getFirst().text(3, 2)).isEqualTo("EUI");
        assertThat(obx.text(3, 0, 1, 1)).isEqualTo("a");
        assertThat(obx.text(3, 0, 2, 1)).isEqualTo("b");
        assertThat(obx.text(3, 0, 2, 2)).isEqualTo("c");
        assertThat(obx.repetitions(3)).isEqualTo(2);
        assertThat(obx.text(3, 1, 1, 1)).isEqualTo("d");
        assertThat(obx.text(3, 1, 2, 1)).isEqualTo("e");
        assertThat(obx.text(3, 0, 1, 1)).isNotEqualTo("a|b");
    }

    @Test
    void separators_unusable_noSegments() {
        assertThat(read("MSH|")).isNull();
        assertThat(read("MSH||")).isNull();
        assertThat(read("MSH|^^\\&|A")).isNull();
        assertThat(read("MSH|^A\\&|A")).isNull();
        assertThat(read("PID|^~\\&|A")).isNull();
    }

    @Test
    void fields_emptyMissingAndBlank_readAsNull() {
        Er7Segment obx = read("MSH|^~\\&\rOBX|1||  |^^x||").get(1);
        assertThat(obx.text(2, 1)).isNull();
        assertThat(obx.text(3, 1)).isNull();
        assertThat(obx.text(4, 1)).isNull();
        assertThat(obx.text(4, 3)).isEqualTo("x");
        assertThat(obx.text(4, 4)).isNull();
        assertThat(obx.text(6, 1)).isNull();
        assertThat(obx.text(40, 1)).isNull();
        assertThat(obx.repetitions(2)).isZero();
        assertThat(obx.repetitions(40)).isZero();
        assertThat(obx.repetitions(4)).isEqualTo(1);
    }

    @Test
    void repetitions_areCountedAndReadEachWithItsComponents() {
        Er7Segment pid = read("MSH|^~\\&\rPID|||111^^^HOSP~~222^^^^NHS").get(1);
        assertThat(pid.repetitions(3)).isEqualTo(3);
        assertThat(pid.text(3, 0, 1, 1)).isEqualTo("111");
        assertThat(pid.text(3, 0, 4, 1)).isEqualTo("HOSP");
        assertThat(pid.text(3, 1, 1, 1)).isNull();
        assertThat(pid.text(3, 2, 1, 1)).isEqualTo("222");
        assertThat(pid.text(3, 2, 5, 1)).isEqualTo("NHS");
        assertThat(pid.text(3, 3, 1, 1)).isNull();
    }

    @Test
    void escapes_delimitersAndHex_areResolvedAfterSplitting() {
        Er7Segment obx = read("MSH|^~\\&\rOBX|1|a\\F\\b\\S\\c\\T\\d\\R\\e\\E\\f|\\X41422D43\\^x").get(1);
        assertThat(obx.text(2, 1)).isEqualTo("a|b^c&d~e\\f");
        assertThat(obx.text(3, 1)).isEqualTo("AB-C");
        assertThat(obx.text(3, 2)).isEqualTo("x");
    }

    @Test
    void escapes_unknownOrUnterminated_areKeptAsSent() {
        Er7Segment obx = read("MSH|^~\\&\rOBX|1|\\H\\bold\\N\\|a\\Fb|\\X4\\|\\XZZ\\").get(1);
        assertThat(obx.text(2, 1)).isEqualTo("\\H\\bold\\N\\");
        assertThat(obx.text(3, 1)).isEqualTo("a\\Fb");
        assertThat(obx.text(4, 1)).isEqualTo("\\X4\\");
        assertThat(obx.text(5, 1)).isEqualTo("\\XZZ\\");
    }

    @Test
    void escapes_withEscapeCharacterDeclaredDifferently_useIt() {
        Er7Segment obx = read("MSH|^~#&\rOBX|1|a#S#b\\S\\c").get(1);
        assertThat(obx.text(2, 1)).isEqualTo("a^b\\S\\c");
    }

    @Test
    void encodingCharacters_leftOut_splitNothingOnThem() {
        Er7Segment obx = read("MSH|^\rOBX|1|a~b&c\\S\\").get(1);
        assertThat(obx.repetitions(2)).isEqualTo(1);
        assertThat(obx.text(2, 1)).isEqualTo("a~b&c\\S\\");
    }
}
