package io.vigil.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.model.BodySite;
import io.vigil.model.MeasuredValue;
import io.vigil.model.Measurement;
import io.vigil.model.MeasurementType;
import io.vigil.model.ObservationRecord;
import io.vigil.model.TimeSource;
import java.time.Duration;
import java.util.List;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every Observation Vigil serves validates offline (HAPI's validator, R4 core definitions, no terminology server)
 * against R4 and every profile it claims in meta.profile. Warnings are allowed and printed.
 */
class ObservationValidationTest {

    private static final String VITAL_SIGNS = ObservationMapper.VITAL_SIGNS_PROFILE;
    private final ObservationMapper mapper = new ObservationMapper(Readings.REGISTRY);

    static List<MeasurementType> everyRegisteredType() {
        return Readings.REGISTRY.types();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyRegisteredType")
    void observation_ofEveryRegisteredType_validatesAgainstItsProfiles(MeasurementType type) {
        Observation observation = mapper.toFhir(Readings.record("obs-" + type.alias(), Readings.typical(type)));

        assertThat(OfflineValidator.errors(observation)).isEmpty();
        assertThat(profiles(observation)).containsAll(type.profile() == null ? List.of() : List.of(type.profile()));
        assertThat(profiles(observation).contains(VITAL_SIGNS)).isEqualTo(type.vitalSign());
    }

    @Test
    void bloodPressure_withMean_validatesAgainstBpProfile() {
        Observation bp = mapper.toFhir(Readings.record("bp-mean", Readings.bloodPressure(120, 80, 93.0)));

        assertThat(profiles(bp)).contains("http://hl7.org/fhir/StructureDefinition/bp", VITAL_SIGNS);
        assertThat(bp.getComponent()).hasSize(3);
        assertThat(OfflineValidator.errors(bp)).isEmpty();
    }

    @Test
    void bloodPressure_withoutMean_validatesAgainstBpProfile() {
        Observation bp = mapper.toFhir(Readings.record("bp-no-mean", Readings.bloodPressure(142, 91, null)));

        assertThat(bp.getComponent()).hasSize(2);
        assertThat(OfflineValidator.errors(bp)).isEmpty();
    }

    @Test
    void bodyTemperature_sentInFahrenheit_isServedInCelsiusAndValidates() {
        MeasurementType temperature = Readings.REGISTRY.require("body-temperature");
        double celsius = temperature.conversionFor("°F").orElseThrow().toCanonical(98.6);
        Measurement measurement = new Measurement(temperature, new MeasuredValue.Quantity(celsius, "Cel"),
                Readings.TIME, TimeSource.DEVICE);

        Observation observation = mapper.toFhir(Readings.record("temp-f", measurement));

        assertThat(observation.getValueQuantity().getValue()).isEqualByComparingTo("37");
        assertThat(observation.getValueQuantity().getCode()).isEqualTo("Cel");
        assertThat(OfflineValidator.errors(observation)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(BodySite.class)
    void bodyTemperature_atEveryBodySite_carriesItsSnomedBodySiteAndValidates(BodySite site) {
        Measurement measurement = Readings.quantity("body-temperature", 36.9).at(site);

        Observation observation = mapper.toFhir(Readings.record("temp-" + site.ordinal(), measurement));

        assertThat(profiles(observation)).contains("http://hl7.org/fhir/StructureDefinition/bodytemp", VITAL_SIGNS);
        assertThat(observation.getBodySite().getCoding()).singleElement().satisfies(coding -> {
            assertThat(coding.getSystem()).isEqualTo("http://snomed.info/sct");
            assertThat(coding.getCode()).isEqualTo(site.code().code()).matches("[1-9][0-9]{5,17}");
            assertThat(coding.getDisplay()).endsWith("(body structure)");
        });
        assertThat(observation.getBodySite().getText()).isEqualTo(site.label());
        assertThat(OfflineValidator.errors(observation)).isEmpty();
    }

    @Test
    void reading_withoutABodySite_hasNone() {
        assertThat(mapper.toFhir(Readings.record("temp", Readings.quantity("body-temperature", 36.9))).hasBodySite())
                .isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"A", "C", "V", "P", "U"})
    void consciousness_everyAcvpuAnswer_validates(String letter) {
        Observation observation = mapper.toFhir(Readings.record("acvpu-" + letter, Readings.consciousness(letter)));

        assertThat(OfflineValidator.errors(observation)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"heart-rate", "blood-pressure", "spo2", "consciousness", "blood-glucose"})
    void unattributedReading_claimsNoProfileAndValidatesAgainstBaseR4(String alias) {
        MeasurementType type = Readings.REGISTRY.require(alias);
        ObservationRecord unattributed = new ObservationRecord("unattributed-" + alias, Readings.DEVICE, null,
                Readings.typical(type), Readings.RECEIVED);

        Observation observation = mapper.toFhir(unattributed);

        assertThat(observation.hasSubject()).isFalse();
        assertThat(observation.getMeta().getProfile()).isEmpty();
        assertThat(OfflineValidator.errors(observation)).isEmpty();
    }

    @Test
    void unattributedReading_claimingTheVitalSignsProfile_wouldFailOnSubject() {
        ObservationRecord unattributed = new ObservationRecord("unattributed-hr", Readings.DEVICE, null,
                Readings.quantity("heart-rate", 72), Readings.RECEIVED);
        Observation observation = mapper.toFhir(unattributed);
        observation.getMeta().addProfile(VITAL_SIGNS);

        assertThat(OfflineValidator.errors(observation))
                .extracting(m -> m.getLocationString() + " " + m.getMessage())
                .anySatisfy(message -> assertThat(message).contains("Observation.subject"));
    }

    @Test
    void receivedTimeReading_validates() {
        Measurement measurement = new Measurement(Readings.REGISTRY.require("spo2"),
                new MeasuredValue.Quantity(97, "%"), Readings.RECEIVED, TimeSource.RECEIVED);

        Observation observation = mapper.toFhir(Readings.record("received-time", measurement));

        assertThat(OfflineValidator.errors(observation)).isEmpty();
    }

    @Test
    void validator_rejectsAHeartRateInTheWrongUnit() {
        // Proves the validator applies the claimed profile: heartrate fixes the unit to /min.
        Observation observation = mapper.toFhir(Readings.record("hr-wrong", Readings.quantity("heart-rate", 72)));
        observation.setValue(new Quantity().setValue(72).setUnit("Cel").setSystem("http://unitsofmeasure.org")
                .setCode("Cel"));

        assertThat(OfflineValidator.errors(observation)).isNotEmpty();
    }

    @Test
    void validator_rejectsABloodPressureWithoutDiastolic() {
        Observation bp = mapper.toFhir(Readings.record("bp-broken", Readings.bloodPressure(120, 80, null)));
        bp.getComponent().remove(1);

        assertThat(OfflineValidator.errors(bp)).isNotEmpty();
    }

    private static List<String> profiles(Observation observation) {
        return observation.getMeta().getProfile().stream().map(CanonicalType::getValue).toList();
    }

    @Test
    void bloodPressure_withDeviceNotesAndClockOffset_validates() {
        ObservationRecord record = new ObservationRecord("bp-notes", Readings.DEVICE, Readings.PATIENT,
                Readings.bloodPressure(120, 80, null), Readings.RECEIVED,
                List.of("irregular pulse", "body movement during measurement"), Duration.ofMillis(-93_250));
        Observation bp = new ObservationMapper(Readings.REGISTRY).toFhir(record);

        assertThat(bp.getNote()).hasSize(2);
        assertThat(OfflineValidator.errors(bp)).isEmpty();
    }
}
