package io.vigil.server.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.param.TokenAndListParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.param.TokenParamModifier;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import io.vigil.model.MeasurementRegistry;
import io.vigil.model.MeasurementType;
import org.junit.jupiter.api.Test;

/** Codes from CLINICAL.md / the R4 vital-signs profiles and IEEE 11073-10101; categories as ObservationMapper sets them. */
class ObservationCodesTest {
    private static final String LOINC = "http://loinc.org";
    private static final String MDC = "urn:iso:std:iso:11073:10101";
    private final ObservationCodes codes = new ObservationCodes(MeasurementRegistry.standard());

    private static TokenAndListParam tokens(TokenParam... anyOf) {
        TokenOrListParam or = new TokenOrListParam();
        for (TokenParam token : anyOf) {
            or.add(token);
        }
        return new TokenAndListParam().addAnd(or);
    }

    @Test
    void loincCode_bareOrWithSystem_findsItsType() {
        assertThat(codes.byCode(tokens(new TokenParam("8867-4")))).containsExactly("heart-rate");
        assertThat(codes.byCode(tokens(new TokenParam(LOINC, "8310-5")))).containsExactly("body-temperature");
        assertThat(codes.byCode(tokens(new TokenParam(LOINC, "59408-5")))).containsExactly("spo2");
    }

    @Test
    void mdcCode_findsItsType_butNotUnderTheLoincSystem() {
        assertThat(codes.byCode(tokens(new TokenParam(MDC, "150456")))).containsExactly("spo2");
        assertThat(codes.byCode(tokens(new TokenParam(MDC, "149530")))).containsExactly("heart-rate");
        assertThat(codes.byCode(tokens(new TokenParam(LOINC, "150456")))).isEmpty();
    }

    @Test
    void bloodPressureComponentCodes_findThePanel() {
        assertThat(codes.byCode(tokens(new TokenParam("8480-6")))).containsExactly("blood-pressure");
        assertThat(codes.byCode(tokens(new TokenParam(LOINC, "8462-4")))).containsExactly("blood-pressure");
        assertThat(codes.byCode(tokens(new TokenParam(MDC, "150023")))).containsExactly("blood-pressure");
    }

    @Test
    void commaSeparated_isAnyOf_andRepeatedIsAllOf() {
        assertThat(codes.byCode(tokens(new TokenParam("8867-4"), new TokenParam("9279-1"))))
                .containsExactlyInAnyOrder("heart-rate", "respiratory-rate");
        TokenAndListParam both = tokens(new TokenParam("8867-4")).addAnd(new TokenOrListParam().add(new TokenParam("9279-1")));
        assertThat(codes.byCode(both)).isEmpty();
        assertThat(codes.byCode(null)).isNull();
    }

    @Test
    void category_vitalSignsOrLaboratory_asTheMapperCategorises() {
        assertThat(codes.byCategory(tokens(new TokenParam("laboratory")))).containsExactlyInAnyOrder("blood-glucose", "cgm-glucose",
                "fev1", "peak-expiratory-flow", "inr", "blood-ketone", "urine-ketones", "urine-glucose");
        assertThat(codes.byCategory(tokens(new TokenParam("vital-signs"))))
                .hasSize((int) codes.observationTypes().stream().filter(MeasurementType::vitalSign).count())
                .contains("heart-rate", "blood-pressure", "consciousness")
                .doesNotContain("blood-glucose", "systolic-bp");
        assertThat(codes.byCategory(tokens(new TokenParam("http://example.org/other", "vital-signs")))).isEmpty();
    }

    @Test
    void modifiers_areRefused() {
        assertThatThrownBy(() -> codes.byCode(tokens(new TokenParam("heart").setModifier(TokenParamModifier.TEXT))))
                .isInstanceOf(InvalidRequestException.class);
    }
}
