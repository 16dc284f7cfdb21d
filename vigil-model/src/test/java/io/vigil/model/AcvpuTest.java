package io.vigil.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Consciousness (ACVPU, RCP NEWS2 2017). Answer codings from HL7 UK's value set CareConnect-ACVPU-1
 * (https://fhir.hl7.org.uk/STU3/ValueSet/CareConnect-ACVPU-1): 248234008 |Mentally alert|,
 * 130987000 |Acute confusion|, 300202002 |Responds to voice|, 450847001 |Responds to pain|, 422768004 |Unresponsive|.
 */
class AcvpuTest {

    private final MeasurementType consciousness = MeasurementRegistry.standard().require("consciousness");

    @Test
    void consciousness_isCodedWithFiveAnswersInNews2Order() {
        assertThat(consciousness.kind()).isEqualTo(ValueKind.CODED);
        assertThat(consciousness.answers()).extracting(MeasurementType.Answer::code)
                .containsExactly("A", "C", "V", "P", "U");
        assertThat(consciousness.canonicalUnit()).isNull();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
            "A, Alert, 248234008",
            "C, New confusion, 130987000",
            "V, Responds to voice, 300202002",
            "P, Responds to pain, 450847001",
            "U, Unresponsive, 422768004"})
    void answer_hasNews2DisplayAndHl7UkSnomedCoding(String letter, String display, String snomed) {
        MeasurementType.Answer answer = consciousness.answer(letter.toLowerCase()).orElseThrow();

        assertThat(answer.code()).isEqualTo(letter);
        assertThat(answer.display()).isEqualTo(display);
        assertThat(answer.coding().system()).isEqualTo(CodeSystem.SNOMED);
        assertThat(answer.coding().code()).isEqualTo(snomed);
    }

    @Test
    void answer_unknownLetter_isEmpty() {
        assertThat(consciousness.answer("X")).isEmpty();
        assertThat(consciousness.answer("Alert")).isEmpty();
    }
}
