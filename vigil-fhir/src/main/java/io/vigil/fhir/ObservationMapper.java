package io.vigil.fhir;

import io.vigil.model.BodySite;
import io.vigil.model.Code;
import io.vigil.model.CodeSystem;
import io.vigil.model.MeasuredValue;
import io.vigil.model.Measurement;
import io.vigil.model.MeasurementRegistry;
import io.vigil.model.MeasurementType;
import io.vigil.model.ObservationRecord;
import io.vigil.model.TimeSource;
import java.math.BigDecimal;
import java.util.Objects;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Observation.ObservationComponentComponent;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;

/**
 * A stored reading as a FHIR R4 Observation.
 *
 * <ul>
 *   <li>Vital signs carry the vital-signs category and claim their R4 profile (heartrate, bp, …) and the generic
 *       vitalsigns profile. Glucose readings carry the laboratory category, as the HL7 CGM IG (STU 1) does for
 *       sensor readings: a glucometer or CGM value is a point-of-care test result, not a vital sign.</li>
 *   <li>An unattributed reading (device not assigned to anyone at the reading's time) has no subject, so it claims
 *       no vital-signs profile (they require a subject); it is tagged {@link #ATTRIBUTION_SYSTEM}|unattributed and
 *       says so in a note.</li>
 *   <li>The effective time carries the extension {@link #TIME_SOURCE_EXTENSION} (received|device); a time that is
 *       the receive time also gets a note.</li>
 *   <li>What the device said about the reading besides its value (BLE status flags such as "cuff too loose") becomes
 *       one {@code Observation.note} per statement: device status is not an interpretation of the value.</li>
 *   <li>A body site the device named (a thermometer's temperature type, HL7 OBX-20) is {@code Observation.bodySite}:
 *       its SNOMED CT body structure, with the site in the device specification's words as text.</li>
 *   <li>When the value carried a device time stamp (used or not), the clock offset (receive time − device time) is the extension
 *       {@link #CLOCK_OFFSET_EXTENSION} with a valueQuantity in seconds (UCUM {@code s}); positive when the device's
 *       clock is behind.</li>
 * </ul>
 */
public final class ObservationMapper {

    public static final String VITAL_SIGNS_PROFILE = "http://hl7.org/fhir/StructureDefinition/vitalsigns";
    public static final String CATEGORY_SYSTEM = "http://terminology.hl7.org/CodeSystem/observation-category";
    /** Extension on effectiveDateTime: valueCode {@code device} (stamped by the device) or {@code received}. */
    public static final String TIME_SOURCE_EXTENSION = "http://vigil.io/fhir/StructureDefinition/time-source";
    /** Extension on the Observation: valueQuantity, receive time − device time in seconds (UCUM {@code s}). */
    public static final String CLOCK_OFFSET_EXTENSION = "https://vigil.io/fhir/StructureDefinition/device-clock-offset";
    /** meta.tag system for attribution; code {@code unattributed}, searchable with {@code _tag}. */
    public static final String ATTRIBUTION_SYSTEM = "http://vigil.io/fhir/CodeSystem/attribution";

    static final String UNATTRIBUTED_NOTE =
            "Unattributed: the device was not assigned to a patient at the time of this reading.";
    static final String RECEIVED_TIME_NOTE =
            "The device sent no time: the effective time is when Vigil received the reading.";

    private final MeasurementRegistry registry;

    /** @param registry the measurement types whose current codes the Observations carry */
    public ObservationMapper(MeasurementRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** The stored reading as an Observation with the same logical id. */
    public Observation toFhir(ObservationRecord record) {
        Measurement measurement = record.measurement();
        // The registry's current definition: codes added since the reading was stored are served too.
        MeasurementType type = current(measurement.type());
        Observation observation = new Observation();
        observation.setId(record.id());
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.addCategory(category(type));
        observation.setCode(concept(type));
        setAttribution(observation, type, record);
        setTimes(observation, measurement, record);
        observation.setDevice(new Reference("Device/" + record.deviceId()));
        setValue(observation, type, measurement.value());
        if (measurement.bodySite() != null) {
            observation.setBodySite(bodySite(measurement.bodySite()));
        }
        setDeviceStatus(observation, record);
        return observation;
    }

    private MeasurementType current(MeasurementType stored) {
        return registry.find(stored.alias()).orElse(stored);
    }

    private static CodeableConcept category(MeasurementType type) {
        String code = type.vitalSign() ? "vital-signs" : "laboratory";
        String display = type.vitalSign() ? "Vital Signs" : "Laboratory";
        return new CodeableConcept(new Coding(CATEGORY_SYSTEM, code, display));
    }

    /** All LOINC codings (primary first), then all MDC codings, and the primary LOINC display as text. */
    static CodeableConcept concept(MeasurementType type) {
        CodeableConcept concept = new CodeableConcept();
        type.codes().forEach(c -> concept.addCoding(coding(c)));
        type.mdcCodes().forEach(c -> concept.addCoding(coding(c)));
        return concept.setText(type.loinc().display());
    }

    /** SNOMED CT body structure, with the site in the device specification's words as text. */
    static CodeableConcept bodySite(BodySite site) {
        return new CodeableConcept(coding(site.code())).setText(site.label());
    }

    static Coding coding(Code code) {
        return new Coding(code.system().uri(), code.code(), code.display());
    }

    private static void setAttribution(Observation observation, MeasurementType type, ObservationRecord record) {
        if (record.patientId() != null) {
            observation.setSubject(new Reference("Patient/" + record.patientId()));
            if (type.profile() != null) {
                observation.getMeta().addProfile(type.profile());
            }
            if (type.vitalSign()) {
                observation.getMeta().addProfile(VITAL_SIGNS_PROFILE);
            }
        } else {
            observation.getMeta().addTag(ATTRIBUTION_SYSTEM, "unattributed", "Unattributed reading");
            observation.addNote().setText(UNATTRIBUTED_NOTE);
        }
    }

    private static void setTimes(Observation observation, Measurement measurement, ObservationRecord record) {
        DateTimeType effective = new DateTimeType(measurement.time().toString());
        boolean received = measurement.timeSource() == TimeSource.RECEIVED;
        effective.addExtension(TIME_SOURCE_EXTENSION, new CodeType(received ? "received" : "device"));
        observation.setEffective(effective);
        observation.setIssuedElement(new InstantType(record.receivedAt().toString()));
        if (received) {
            observation.addNote().setText(RECEIVED_TIME_NOTE);
        }
    }

    private static void setDeviceStatus(Observation observation, ObservationRecord record) {
        record.notes().forEach(note -> observation.addNote().setText(note));
        if (record.clockOffset() != null) {
            BigDecimal seconds = BigDecimal.valueOf(record.clockOffset().toMillis(), 3).stripTrailingZeros();
            Quantity offset = new Quantity().setValue(seconds.scale() < 0 ? seconds.setScale(0) : seconds)
                    .setUnit("s").setSystem(CodeSystem.UCUM.uri()).setCode("s");
            observation.addExtension(CLOCK_OFFSET_EXTENSION, offset);
        }
    }

    private void setValue(Observation observation, MeasurementType type, MeasuredValue value) {
        switch (value) {
            case MeasuredValue.Quantity q -> observation.setValue(UcumQuantity.of(type, q.value(), q.unit()));
            case MeasuredValue.Coded coded -> observation.setValue(answer(coded.answer()));
            case MeasuredValue.Panel panel -> panel.components().forEach(c -> observation.addComponent(component(c)));
        }
    }

    private static CodeableConcept answer(MeasurementType.Answer answer) {
        CodeableConcept concept = new CodeableConcept().setText(answer.display());
        if (answer.coding() != null) {
            concept.addCoding(coding(answer.coding()));
        }
        return concept;
    }

    private ObservationComponentComponent component(MeasuredValue.Component component) {
        MeasurementType type = current(component.type());
        MeasuredValue.Quantity q = component.quantity();
        return new ObservationComponentComponent(concept(type)).setValue(UcumQuantity.of(type, q.value(), q.unit()));
    }
}
