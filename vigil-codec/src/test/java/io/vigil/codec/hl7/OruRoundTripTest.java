package io.vigil.codec.hl7;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.codec.DecodeResult;
import io.vigil.model.BodySite;
import io.vigil.model.MeasuredValue;
import io.vigil.model.Measurement;
import io.vigil.model.MeasurementRegistry;
import io.vigil.model.MeasurementType;
import io.vigil.model.TimeSource;
import io.vigil.model.ValueKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What Vigil sends out (ORU^R01) it reads back the same: every type with an MDC term, quantity or panel. */
class OruRoundTripTest {
    private static final Instant TIME = Instant.parse("2026-11-25T10:14:07Z");
    private final MeasurementRegistry registry = MeasurementRegistry.standard();
    private final Hl7Decoder decoder = new Hl7Decoder(registry);

    @Test
    void encodeThenDecode_everyMdcCodedType_sameValueUnitAndTime() {
        int checked = 0;
        for (MeasurementType type : registry.types()) {
            if (type.mdcCodes().isEmpty() || type.kind() == ValueKind.CODED || isComponent(type)) {
                continue;
            }
            Measurement sent = new Measurement(type, value(type), TIME, TimeSource.DEVICE);
            String oru = OruEncoder.encode("OUT-" + type.alias(), "MRN-1", "dev-7", sent, TIME.plusSeconds(1));
            DecodeResult<Hl7Message> result = decoder.decode(Pcd01Samples.bytes(oru), TIME.plusSeconds(2));
            assertThat(result).as(type.alias() + "\n" + oru).isInstanceOf(DecodeResult.Ok.class);
            Hl7Message message = ((DecodeResult.Ok<Hl7Message>) result).value();
            assertThat(message.controlId()).isEqualTo("OUT-" + type.alias());
            assertThat(message.equipmentId()).isEqualTo("dev-7");
            assertThat(message.patientIds()).containsExactly(new PatientIdentifier("MRN-1", "VIGIL", "MR"));
            assertThat(message.readings()).as(type.alias()).singleElement()
                    .satisfies(r -> assertThat(r.measurement()).isEqualTo(sent));
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(9);
    }

    @Test
    void encode_carriesMdcWithLoincAlternateAndUcumUnits() {
        MeasurementType spo2 = registry.require("spo2");
        String oru = OruEncoder.encode("OUT-1", "MRN|1", "dev^7",
                new Measurement(spo2, new MeasuredValue.Quantity(97, "%"), TIME, TimeSource.DEVICE), TIME);
        assertThat(oru).contains("\rPID|||MRN\\F\\1^^^VIGIL^MR\r")
                .contains("OBX|1|NM|150456^MDC_PULS_OXIM_SAT_O2^MDC^2708-6^Oxygen saturation in Arterial blood^LN|1.1.1.1|97|%^%^UCUM|||||F|||20261125101407+0000||||dev\\S\\7^VIGIL\r");
    }

    @Test
    void encode_notesBecomeNteAfterTheObx_andTheBodySiteObx20_andBothSurviveDecoding() {
        MeasurementType temperature = registry.require("body-temperature");
        Measurement sent = new Measurement(temperature, new MeasuredValue.Quantity(37.4, "Cel"), TIME,
                TimeSource.DEVICE, BodySite.TYMPANUM);
        String oru = OruEncoder.encode("OUT-2", "MRN-1", "dev-7", sent,
                List.of("temperature type: tympanum (ear drum)", "body movement | detected"), TIME);

        List<String> segments = List.of(oru.split("\r"));
        assertThat(segments).extracting(segment -> segment.substring(0, 3))
                .containsExactly("MSH", "PID", "OBR", "OBX", "NTE", "NTE");
        assertThat(segments.get(3)).endsWith("|dev-7^VIGIL||42859004^Tympanic membrane structure (body structure)^SCT");
        assertThat(segments.get(4)).isEqualTo("NTE|1|L|temperature type: tympanum (ear drum)");
        assertThat(segments.get(5)).isEqualTo("NTE|2|L|body movement \\F\\ detected");
        Hl7Message decoded = ((DecodeResult.Ok<Hl7Message>) decoder.decode(Pcd01Samples.bytes(oru), TIME.plusSeconds(2)))
                .value();
        assertThat(decoded.readings()).singleElement().satisfies(r -> assertThat(r.measurement()).isEqualTo(sent));
    }

    @Test
    void encode_panelNotes_followTheObrAndApplyToEveryRow() {
        MeasurementType bp = registry.require("blood-pressure");
        String oru = OruEncoder.encode("OUT-3", "MRN-1", "dev-7", new Measurement(bp, value(bp), TIME, TimeSource.DEVICE),
                List.of("cuff too loose", "irregular pulse detected"), TIME);

        assertThat(List.of(oru.split("\r"))).extracting(segment -> segment.substring(0, 3))
                .containsExactly("MSH", "PID", "OBR", "NTE", "NTE", "OBX", "OBX", "OBX");
        assertThat(oru).contains("\rNTE|1|L|cuff too loose\rNTE|2|L|irregular pulse detected\rOBX|1|")
                .doesNotContain("^SCT\r" + "OBX");
    }

    private boolean isComponent(MeasurementType type) {
        return registry.types().stream().anyMatch(t -> t.components().contains(type));
    }

    private static MeasuredValue value(MeasurementType type) {
        if (type.kind() == ValueKind.PANEL) {
            List<MeasuredValue.Component> components = new ArrayList<>();
            double[] values = {131, 84, 99.5};
            for (int i = 0; i < type.components().size(); i++) {
                MeasurementType component = type.components().get(i);
                components.add(new MeasuredValue.Component(component,
                        new MeasuredValue.Quantity(values[i], component.canonicalUnit())));
            }
            return new MeasuredValue.Panel(components);
        }
        double mid = (type.plausible().min() + type.plausible().max()) / 2;
        return new MeasuredValue.Quantity(Math.round(mid * 100) / 100.0, type.canonicalUnit());
    }
}
