package io.vigil.server.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.model.BodySite;
import io.vigil.model.MeasuredValue;
import io.vigil.model.Measurement;
import io.vigil.model.MeasurementRegistry;
import io.vigil.model.ObservationRecord;
import io.vigil.model.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadingCodecTest {
    private final MeasurementRegistry registry = MeasurementRegistry.standard();
    private final ReadingCodec codec = new ReadingCodec(registry);
    private final Instant time = Instant.parse("2026-11-25T10:15:30.123456Z");

    @Test
    void quantity_roundTrips() {
        ObservationRecord reading = new ObservationRecord("42", "mon-1", "p-1",
                new Measurement(registry.require("heart-rate"), new MeasuredValue.Quantity(72, "/min"), time,
                        TimeSource.DEVICE), time.plusMillis(40));

        assertThat(codec.decode(codec.encode(reading))).isEqualTo(reading);
    }

    @Test
    void panelWithSiteNotesAndOffset_unattributed_roundTrips() {
        var bp = registry.require("blood-pressure");
        var panel = new MeasuredValue.Panel(List.of(
                new MeasuredValue.Component(bp.component("systolic").orElseThrow(), new MeasuredValue.Quantity(120, "mm[Hg]")),
                new MeasuredValue.Component(bp.component("diastolic").orElseThrow(), new MeasuredValue.Quantity(80, "mm[Hg]"))));
        ObservationRecord reading = new ObservationRecord("43", "bp-1", null,
                new Measurement(bp, panel, time, TimeSource.RECEIVED, BodySite.FINGER), time,
                List.of("cuff too loose"), Duration.ofMillis(-1500));

        ObservationRecord decoded = codec.decode(codec.encode(reading));

        assertThat(decoded).isEqualTo(reading);
        assertThat(decoded.patientId()).isNull();
    }

    @Test
    void codedAnswer_roundTrips() {
        var acvpu = registry.require("consciousness");
        ObservationRecord reading = new ObservationRecord("44", "mon-1", "p-1", new Measurement(acvpu,
                new MeasuredValue.Coded(acvpu.answer("V").orElseThrow()), time, TimeSource.DEVICE), time);

        assertThat(codec.decode(codec.encode(reading))).isEqualTo(reading);
    }

    @Test
    void unknownFormatVersion_refused() {
        byte[] bytes = codec.encode(new ObservationRecord("45", "mon-1", "p-1", new Measurement(
                registry.require("spo2"), new MeasuredValue.Quantity(97, "%"), time, TimeSource.DEVICE), time));
        bytes[0] = 9;

        assertThatThrownBy(() -> codec.decode(bytes)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("version 9");
    }
}
