package io.vigil.server.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogicalIdsTest {
    /** FHIR R4 id: 1 to 64 of A-Z a-z 0-9 - . (http://hl7.org/fhir/R4/datatypes.html#id). */
    private static final String FHIR_ID = "[A-Za-z0-9\\-.]{1,64}";

    @Test
    void of_aNameThatIsAValidFhirId_isKept() {
        assertThat(LogicalIds.of("clinician")).isEqualTo("clinician");
        assertThat(LogicalIds.of("ward-a-team.2")).isEqualTo("ward-a-team.2");
    }

    @Test
    void of_aNameFhirCannotCarry_isADashAndTheStartOfItsSha256() {
        // SHA-256("ana@ward.example") computed independently: printf 'ana@ward.example' | sha256sum
        assertThat(LogicalIds.of("ana@ward.example")).isEqualTo("-34ac52e36ce18a11392af7391f223f5eee2ff6f4").matches(FHIR_ID);
        assertThat(LogicalIds.of("ana_ward")).matches(FHIR_ID).isNotEqualTo(LogicalIds.of("ana-ward"));
        assertThat(LogicalIds.of("a".repeat(65))).matches(FHIR_ID);
    }
}
