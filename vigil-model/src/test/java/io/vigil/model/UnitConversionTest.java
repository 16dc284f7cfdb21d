package io.vigil.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Unit conversions against published factors: °F→°C = (F − 32) × 5/9; 1 lb = 0.45359237 kg and 1 in = 2.54 cm
 * exactly (1959 international yard and pound agreement, NIST SP 811 appendix B); 1 mmHg = 133.322387415 Pa
 * (conventional millimetre of mercury, NIST SP 811); glucose molar mass 180.156 g/mol.
 */
class UnitConversionTest {

    private static final double RELATIVE = 1e-12;
    private final MeasurementRegistry registry = MeasurementRegistry.standard();

    private UnitConversion conversion(String alias, String unit) {
        return registry.require(alias).conversionFor(unit).orElseThrow();
    }

    private static void assertClose(double actual, double expected) {
        assertThat(actual).isCloseTo(expected, within(Math.max(Math.abs(expected), 1.0) * RELATIVE));
    }

    @ParameterizedTest(name = "{0} °F = {1} °C")
    @CsvSource({"98.6, 37", "212, 100", "-40, -40", "32, 0", "50, 10"})
    void fahrenheit_toCelsius_byFormula(double fahrenheit, double celsius) {
        assertClose(conversion("body-temperature", "[degF]").toCanonical(fahrenheit), celsius);
    }

    @Test
    void pound_isExactly0_45359237Kilogram() {
        UnitConversion pound = conversion("body-weight", "[lb_av]");

        assertThat(pound.factor()).isEqualTo(0.45359237);
        assertThat(pound.offset()).isZero();
        assertClose(pound.toCanonical(1), 0.45359237);
        assertClose(pound.toCanonical(100), 45.359237);
        assertClose(pound.toCanonical(220.46226218487757), 100);
    }

    @Test
    void gram_isOneThousandthKilogram() {
        assertClose(conversion("body-weight", "g").toCanonical(1000), 1);
        assertClose(conversion("body-weight", "g").toCanonical(72500), 72.5);
    }

    @Test
    void inch_isExactly2_54Centimetre() {
        UnitConversion inch = conversion("body-height", "[in_i]");

        assertThat(inch.factor()).isEqualTo(2.54);
        assertClose(inch.toCanonical(12), 30.48);
        assertClose(inch.toCanonical(70), 177.8);
    }

    @Test
    void kilopascal_toMillimetreOfMercury_by133_322387415Pascal() {
        UnitConversion kpa = conversion("systolic-bp", "kPa");

        assertClose(kpa.toCanonical(0.133322387415), 1);
        assertClose(kpa.toCanonical(13.3322387415), 100);
        assertClose(kpa.toCanonical(16), 16000 / 133.322387415);
    }

    @Test
    void glucose_mmolPerLitre_toMgPerDecilitre_byMolarMass180_156() {
        double molarMass = 180.156; // g/mol, so 1 mmol/L = 180.156 mg/L = 18.0156 mg/dL
        UnitConversion mmol = conversion("blood-glucose", "mmol/L");

        assertClose(mmol.toCanonical(1), molarMass / 10);
        assertClose(mmol.toCanonical(5.5), 99.0858);
        assertClose(mmol.fromCanonical(180.156), 10);
        assertClose(conversion("cgm-glucose", "mmol/L").toCanonical(3.9), 70.26084);
    }

    static Stream<Arguments> everyAcceptedUnit() {
        return registry().types().stream().flatMap(type -> type.acceptedUnits().stream()
                .map(c -> Arguments.of(type.alias(), c)));
    }

    private static MeasurementRegistry registry() {
        return MeasurementRegistry.standard();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyAcceptedUnit")
    void roundTrip_fromCanonicalOfToCanonical_returnsTheValue(String alias, UnitConversion conversion) {
        for (double x : List.of(-40.0, 0.0, 0.1, 1.0, 36.6, 98.6, 120.0, 212.0, 1234.5678)) {
            double back = conversion.fromCanonical(conversion.toCanonical(x));
            double tolerance = x == 0 ? RELATIVE : Math.abs(x) * RELATIVE;
            assertThat(back).as("%s %s %s", alias, conversion.unit(), x).isCloseTo(x, within(tolerance));
        }
    }

    @ParameterizedTest(name = "{1} on {0} is {2}")
    @CsvSource({
            "heart-rate, bpm, /min",
            "heart-rate, beats/min, /min",
            "respiratory-rate, breaths/min, /min",
            "systolic-bp, mmHg, mm[Hg]",
            "body-temperature, °F, [degF]",
            "body-temperature, degF, [degF]",
            "body-temperature, °C, Cel",
            "body-weight, lb, [lb_av]",
            "body-weight, lbs, [lb_av]",
            "body-height, in, [in_i]",
            "blood-glucose, mmol/l, mmol/L",
            "blood-glucose, mg/dl, mg/dL",
            "supplemental-oxygen, l/min, L/min"})
    void conversionFor_commonUnitSynonym_findsTheUcumUnit(String alias, String synonym, String ucum) {
        assertThat(registry.require(alias).conversionFor(synonym)).get()
                .extracting(UnitConversion::unit).isEqualTo(ucum);
    }

    @Test
    void conversionFor_unitTheTypeDoesNotAccept_isEmpty() {
        assertThat(registry.require("heart-rate").conversionFor("mmHg")).isEmpty();
        assertThat(registry.require("body-temperature").conversionFor("K")).isEmpty();
        assertThat(registry.require("body-weight").conversionFor(null)).isEmpty();
    }
}
