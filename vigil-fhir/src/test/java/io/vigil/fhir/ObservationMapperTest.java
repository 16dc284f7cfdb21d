package io.vigil.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.model.MeasuredValue;
import io.vigil.model.Measurement;
import io.vigil.model.MeasurementType;
import io.vigil.model.ObservationRecord;
import io.vigil.model.TimeSource;
import java.time.Instant;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Observation.ObservationComponentComponent;
import org.hl7.fhir.r4.model.Quantity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What an Observation says, element by element. */
class ObservationMapperTest {

    private static final String LOINC = "http://loinc.org";
    private static final String MDC = "urn:iso:std:iso:11073:10101";
    private static final String UCUM = "http://unitsofmeasure.org";
    private final ObservationMapper mapper = new ObservationMapper(Readings.REGISTRY);

    @Test
    void heartRate_carriesIdStatusSubjectDeviceAndTimes() {
        Observation hr = mapper.toFhir(Readings.record("obs-1", Readings.quantity("heart-rate", 72)));

        assertThat(hr.getIdElement().getIdPart()).isEqualTo("obs-1");
        assertThat(hr.getStatus()).isEqualTo(Observation.ObservationStatus.FINAL);
        assertThat(hr.getSubject().getReference()).isEqualTo("Patient/p-12");
        assertThat(hr.getDevice().getReference()).isEqualTo("Device/bp-001");
        assertThat(hr.getEffectiveDateTimeType().getValueAsString()).isEqualTo("2026-11-25T10:15:30Z");
        assertThat(hr.getIssuedElement().getValueAsString()).isEqualTo("2026-11-25T10:15:30.250Z");
    }

    @Test
    void heartRate_codeHasLoincFirstThenEveryMdcCodeAndText() {
        Observation hr = mapper.toFhir(Readings.record("obs-1", Readings.quantity("heart-rate", 72)));

        assertThat(hr.getCode().getCoding()).extracting(c -> c.getSystem() + "|" + c.getCode()).containsExactly(
                LOINC + "|8867-4", MDC + "|147842", MDC + "|149530", MDC + "|149546");
        assertThat(hr.getCode().getText()).isEqualTo("Heart rate");
    }

    @Test
    void vitalSign_hasTheVitalSignsCategoryAloneInItsElement() {
        Observation hr = mapper.toFhir(Readings.record("obs-1", Readings.quantity("heart-rate", 72)));

        assertThat(hr.getCategory()).hasSize(1);
        assertThat(hr.getCategoryFirstRep().getCoding()).extracting(Coding::getSystem, Coding::getCode)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "http://terminology.hl7.org/CodeSystem/observation-category", "vital-signs"));
    }

    @ParameterizedTest
    @CsvSource({"blood-glucose", "cgm-glucose"})
    void glucose_hasTheLaboratoryCategoryAndNoVitalSignsProfile(String alias) {
        Observation glucose = mapper.toFhir(Readings.record("glu", Readings.quantity(alias, 104)));

        assertThat(glucose.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("laboratory");
        assertThat(glucose.getMeta().getProfile()).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1} -> {2} {3}")
    @CsvSource({
            "heart-rate, 72, 72, beats/minute, /min",
            "respiratory-rate, 16, 16, breaths/minute, /min",
            "spo2, 97, 97, %, %",
            "body-temperature, 37.27777777777778, 37.277778, °C, Cel",
            "body-temperature, 37.00000000000001, 37, °C, Cel",
            "body-weight, 45.359237, 45.359237, kg, kg",
            "body-weight, 99.08579999999999, 99.0858, kg, kg",
            "bmi, 24.7, 24.7, kg/m2, kg/m2",
            "blood-glucose, 100, 100, mg/dL, mg/dL",
            "supplemental-oxygen, 2.5, 2.5, L/min, L/min"})
    void valueQuantity_isUcumWithHumanUnitAndNoBinaryNoise(String alias, double stored, String served, String unit,
                                                             String code) {
        Quantity value = mapper.toFhir(Readings.record("q", Readings.quantity(alias, stored))).getValueQuantity();

        assertThat(value.getValueElement().getValueAsString()).isEqualTo(served);
        assertThat(value.getUnit()).isEqualTo(unit);
        assertThat(value.getSystem()).isEqualTo(UCUM);
        assertThat(value.getCode()).isEqualTo(code);
    }

    @Test
    void bloodPressure_isAPanelWithComponentsAndNoValue() {
        Observation bp = mapper.toFhir(Readings.record("bp", Readings.bloodPressure(120, 80, 93.0)));

        assertThat(bp.hasValue()).isFalse();
        assertThat(bp.getCode().getCoding()).extracting(Coding::getCode).containsExactly("85354-9", "150020");
        assertThat(bp.getComponent()).extracting(c -> c.getCode().getCoding().get(0).getCode())
                .containsExactly("8480-6", "8462-4", "8478-0");
        ObservationComponentComponent systolic = bp.getComponentFirstRep();
        assertThat(systolic.getCode().getCoding()).extracting(c -> c.getSystem() + "|" + c.getCode())
                .containsExactly(LOINC + "|8480-6", MDC + "|150021");
        assertThat(systolic.getValueQuantity().getValue()).isEqualByComparingTo("120");
        assertThat(systolic.getValueQuantity().getCode()).isEqualTo("mm[Hg]");
        assertThat(systolic.getValueQuantity().getUnit()).isEqualTo("mmHg");
    }

    @Test
    void consciousness_isACodeableConceptWithSnomedCodingAndText() {
        Observation acvpu = mapper.toFhir(Readings.record("c", Readings.consciousness("V")));

        assertThat(acvpu.getValueCodeableConcept().getText()).isEqualTo("Responds to voice");
        assertThat(acvpu.getValueCodeableConcept().getCoding()).extracting(Coding::getSystem, Coding::getCode)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("http://snomed.info/sct", "300202002"));
        assertThat(acvpu.getCode().getCodingFirstRep().getCode()).isEqualTo("67775-7");
    }

    @Test
    void consciousnessAnswerWithoutCoding_servesTextOnly() {
        MeasurementType type = Readings.REGISTRY.require("consciousness");
        Measurement m = new Measurement(type, new MeasuredValue.Coded(new MeasurementType.Answer("A", "Alert", null)),
                Readings.TIME, TimeSource.DEVICE);

        Observation acvpu = mapper.toFhir(Readings.record("c", m));

        assertThat(acvpu.getValueCodeableConcept().getText()).isEqualTo("Alert");
        assertThat(acvpu.getValueCodeableConcept().hasCoding()).isFalse();
    }

    @Test
    void effectiveTime_keepsFullPrecisionInUtc() {
        Instant time = Instant.parse("2026-11-25T10:15:30.123456789Z");
        Measurement m = new Measurement(Readings.REGISTRY.require("heart-rate"), new MeasuredValue.Quantity(72, "/min"),
                time, TimeSource.DEVICE);

        Observation hr = mapper.toFhir(Readings.record("precise", m));

        assertThat(hr.getEffectiveDateTimeType().getValueAsString()).isEqualTo("2026-11-25T10:15:30.123456789Z");
        assertThat(FhirJson.encode(hr)).contains("\"effectiveDateTime\":\"2026-11-25T10:15:30.123456789Z\"");
    }

    @Test
    void deviceTime_isMarkedDeviceWithoutNote() {
        Observation hr = mapper.toFhir(Readings.record("obs-1", Readings.quantity("heart-rate", 72)));

        assertThat(timeSource(hr)).isEqualTo("device");
        assertThat(hr.getNote()).isEmpty();
    }

    @Test
    void receivedTime_isMarkedReceivedWithANote() {
        Measurement m = new Measurement(Readings.REGISTRY.require("heart-rate"), new MeasuredValue.Quantity(72, "/min"),
                Readings.RECEIVED, TimeSource.RECEIVED);

        Observation hr = mapper.toFhir(Readings.record("received", m));

        assertThat(timeSource(hr)).isEqualTo("received");
        assertThat(hr.getNote()).extracting(n -> n.getText()).containsExactly(ObservationMapper.RECEIVED_TIME_NOTE);
        assertThat(FhirJson.encode(hr)).contains("\"_effectiveDateTime\":{\"extension\":[{\"url\":\""
                + ObservationMapper.TIME_SOURCE_EXTENSION + "\",\"valueCode\":\"received\"}]}");
    }

    @Test
    void unattributed_hasNoSubjectATagAndANote() {
        ObservationRecord record = new ObservationRecord("u", Readings.DEVICE, null, Readings.quantity("spo2", 97),
                Readings.RECEIVED);

        Observation spo2 = mapper.toFhir(record);

        assertThat(spo2.hasSubject()).isFalse();
        assertThat(spo2.getMeta().getTag()).extracting(Coding::getSystem, Coding::getCode).containsExactly(
                org.assertj.core.groups.Tuple.tuple(ObservationMapper.ATTRIBUTION_SYSTEM, "unattributed"));
        assertThat(spo2.getNote()).extracting(n -> n.getText()).containsExactly(ObservationMapper.UNATTRIBUTED_NOTE);
        assertThat(spo2.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("vital-signs");
    }

    @Test
    void attributed_hasNoAttributionTag() {
        Observation hr = mapper.toFhir(Readings.record("obs-1", Readings.quantity("heart-rate", 72)));

        assertThat(hr.getMeta().getTag()).isEmpty();
    }

    private static String timeSource(Observation observation) {
        return ((CodeType) observation.getEffectiveDateTimeType()
                .getExtensionByUrl(ObservationMapper.TIME_SOURCE_EXTENSION).getValue()).getValue();
    }

    @Test
    void deviceNotes_becomeOneAnnotationEach_andTheClockOffsetAnExtensionInSeconds() {
        ObservationRecord record = new ObservationRecord("bp-notes", Readings.DEVICE, Readings.PATIENT,
                Readings.bloodPressure(120, 80, null), Readings.RECEIVED,
                java.util.List.of("irregular pulse", "body movement during measurement"),
                java.time.Duration.ofMillis(93_250));
        Observation bp = mapper.toFhir(record);

        assertThat(bp.getNote()).extracting(n -> n.getText())
                .containsExactly("irregular pulse", "body movement during measurement");
        Quantity offset = (Quantity) bp.getExtensionByUrl(ObservationMapper.CLOCK_OFFSET_EXTENSION).getValue();
        assertThat(offset.getValue()).isEqualByComparingTo("93.25");
        assertThat(offset.getSystem() + "|" + offset.getCode()).isEqualTo(UCUM + "|s");
    }

    @Test
    void readingWithoutDeviceStatus_hasNoNoteAndNoClockOffset() {
        Observation hr = mapper.toFhir(Readings.record("obs-1", Readings.quantity("heart-rate", 72)));

        assertThat(hr.getNote()).isEmpty();
        assertThat(hr.getExtensionByUrl(ObservationMapper.CLOCK_OFFSET_EXTENSION)).isNull();
    }
}
