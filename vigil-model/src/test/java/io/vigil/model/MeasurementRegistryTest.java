package io.vigil.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The standard registry against the published codes of CLINICAL.md (test resource clinical-measurements.csv). */
class MeasurementRegistryTest {

    private final MeasurementRegistry registry = MeasurementRegistry.standard();

    static List<PublishedMeasurement> published() {
        return PublishedMeasurement.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("published")
    void loincCodes_matchPublishedTable_primaryFirst(PublishedMeasurement expected) {
        MeasurementType type = registry.require(expected.alias());

        assertThat(type.codes()).extracting(Code::code).containsExactlyElementsOf(expected.loinc());
        assertThat(type.codes()).extracting(Code::system).containsOnly(CodeSystem.LOINC);
        assertThat(type.loinc().code()).isEqualTo(expected.loinc().getFirst());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("published")
    void mdcCodes_matchPublishedTable(PublishedMeasurement expected) {
        MeasurementType type = registry.require(expected.alias());

        assertThat(type.mdcCodes()).extracting(c -> c.code() + " " + c.display())
                .containsExactlyElementsOf(expected.mdc());
        assertThat(type.mdcCodes()).allSatisfy(c -> assertThat(c.system()).isEqualTo(CodeSystem.MDC));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("published")
    void units_canonicalAndAcceptedMatchPublishedTable(PublishedMeasurement expected) {
        MeasurementType type = registry.require(expected.alias());

        assertThat(type.canonicalUnit()).isEqualTo(expected.canonicalUnit());
        if (expected.canonicalUnit() != null) {
            assertThat(type.kind()).isEqualTo(ValueKind.QUANTITY);
            assertThat(type.acceptedUnits()).extracting(UnitConversion::unit).containsAll(expected.units());
            assertThat(type.conversionFor(type.canonicalUnit())).get()
                    .satisfies(c -> assertThat(c.factor()).isEqualTo(1.0))
                    .satisfies(c -> assertThat(c.offset()).isEqualTo(0.0));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("published")
    void profile_matchesPublishedTable(PublishedMeasurement expected) {
        MeasurementType type = registry.require(expected.alias());
        Optional<MeasurementType> panel = panelOf(type);

        if (panel.isPresent()) {
            // A component is not an Observation of its own: the panel's profile covers it, if any.
            assertThat(type.profile()).isNull();
            if (expected.profile() != null) {
                assertThat(panel.get().profile()).isEqualTo(PublishedMeasurement.PROFILE_BASE + expected.profile());
            }
        } else {
            assertThat(type.profile()).isEqualTo(
                    expected.profile() == null ? null : PublishedMeasurement.PROFILE_BASE + expected.profile());
        }
    }

    @Test
    void everyRegisteredType_isInThePublishedTable() {
        assertThat(registry.types()).extracting(MeasurementType::alias)
                .containsExactlyInAnyOrderElementsOf(published().stream().map(PublishedMeasurement::alias).toList());
    }

    @Test
    void vitalSignFlag_isSetForEveryTypeWithAVitalSignsProfile() {
        for (MeasurementType type : registry.types()) {
            if (type.profile() != null) {
                assertThat(type.vitalSign()).as(type.alias()).isTrue();
            }
        }
        assertThat(registry.require("blood-glucose").vitalSign()).isFalse();
        assertThat(registry.require("cgm-glucose").vitalSign()).isFalse();
    }

    @Test
    void bloodPressure_isAPanelOfSystolicDiastolicMean_inThatOrder() {
        MeasurementType bp = registry.require("blood-pressure");

        assertThat(bp.kind()).isEqualTo(ValueKind.PANEL);
        assertThat(bp.components()).extracting(MeasurementType::alias)
                .containsExactly("systolic-bp", "diastolic-bp", "mean-bp");
        assertThat(bp.component("systolic")).get().extracting(MeasurementType::alias).isEqualTo("systolic-bp");
        assertThat(bp.component("Diastolic-BP")).get().extracting(MeasurementType::alias).isEqualTo("diastolic-bp");
        assertThat(bp.component("pulse")).isEmpty();
    }

    static Stream<Arguments> everyPublishedLoinc() {
        return published().stream().flatMap(p -> p.loinc().stream().map(code -> Arguments.of(code, p.alias())));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyPublishedLoinc")
    void find_byEachLoincCode_returnsItsType(String loinc, String alias) {
        assertThat(registry.find(loinc)).get().extracting(MeasurementType::alias).isEqualTo(alias);
    }

    @Test
    void find_byUsCorePulseOximetryCode_returnsSpo2() {
        assertThat(registry.find("59408-5")).get().extracting(MeasurementType::alias).isEqualTo("spo2");
    }

    @Test
    void find_byMolarGlucometerCode_returnsBloodGlucose() {
        assertThat(registry.find("14743-9")).get().extracting(MeasurementType::alias).isEqualTo("blood-glucose");
    }

    @ParameterizedTest
    @ValueSource(strings = {"heart-rate", "Heart-Rate", "HEART-RATE", " heart-rate ", "8867-4"})
    void find_byAliasIgnoringCaseAndSpaces_returnsHeartRate(String key) {
        assertThat(registry.find(key)).get().extracting(MeasurementType::alias).isEqualTo("heart-rate");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "pulse", "8867", "8867-5", "heart rate"})
    void find_unknownKey_isEmpty(String key) {
        assertThat(registry.find(key)).isEmpty();
    }

    @Test
    void find_null_isEmpty() {
        assertThat(registry.find(null)).isEmpty();
    }

    @Test
    void plausibleRanges_rejectTheIssuesImplausibleExamples() {
        assertThat(registry.require("heart-rate").plausible().contains(900)).isFalse();
        assertThat(registry.require("spo2").plausible().contains(140)).isFalse();
        assertThat(registry.require("heart-rate").plausible().contains(72)).isTrue();
        assertThat(registry.require("spo2").plausible().contains(97)).isTrue();
    }

    private Optional<MeasurementType> panelOf(MeasurementType type) {
        return registry.types().stream().filter(t -> t.components().contains(type)).findFirst();
    }
}
