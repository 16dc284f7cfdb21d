package io.vigil.server.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.codec.DeviceMessage;
import io.vigil.model.BodySite;
import io.vigil.model.MeasuredValue;
import io.vigil.model.Measurement;
import io.vigil.model.MeasurementRegistry;
import io.vigil.model.MeasurementType;
import io.vigil.model.ObservationRecord;
import io.vigil.model.TimeSource;
import io.vigil.server.ingest.SameTransaction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ForwardedReadingTest {
    private static final MeasurementRegistry REGISTRY = MeasurementRegistry.standard();
    private static final JsonMapper JSON = JsonMapper.shared();
    private static final Instant TIME = Instant.parse("2026-11-26T09:15:30.123456Z");

    @Test
    void panelCodedAndQuantity_surviveTheTrip_withTimeNotesOffsetAndSite() {
        MeasurementType bp = REGISTRY.require("blood-pressure");
        MeasuredValue.Panel panel = new MeasuredValue.Panel(List.of(
                new MeasuredValue.Component(bp.components().get(0), new MeasuredValue.Quantity(128, "mm[Hg]")),
                new MeasuredValue.Component(bp.components().get(1), new MeasuredValue.Quantity(82, "mm[Hg]"))));
        MeasurementType consciousness = REGISTRY.require("consciousness");
        MeasuredValue.Coded voice = new MeasuredValue.Coded(consciousness.answer("V").orElseThrow());
        MeasurementType temperature = REGISTRY.require("body-temperature");
        List<Measurement> measurements = List.of(
                new Measurement(bp, panel, TIME, TimeSource.DEVICE),
                new Measurement(consciousness, voice, TIME, TimeSource.RECEIVED),
                new Measurement(temperature, new MeasuredValue.Quantity(37.2, "Cel"), TIME, TimeSource.DEVICE,
                        BodySite.values()[0]));
        for (Measurement measurement : measurements) {
            ObservationRecord record = new ObservationRecord("7", "cuff-1", "p-1", measurement, TIME,
                    List.of("cuff fit ok"), Duration.ofMillis(-1500));
            ForwardedReading sent = ForwardedReading.of(new SameTransaction.Fresh(record, "msg-9"));
            ForwardedReading received = JSON.readValue(JSON.writeValueAsString(sent), ForwardedReading.class);
            List<String> problems = new ArrayList<>();
            Optional<DeviceMessage> decoded = received.message(REGISTRY, problems);
            assertThat(decoded).as(measurement.type().alias() + " " + problems).isPresent();
            DeviceMessage message = decoded.orElseThrow();
            assertThat(message.messageId()).isEqualTo("msg-9");
            assertThat(message.measurements()).containsExactly(measurement);
            assertThat(message.notes()).containsExactly("cuff fit ok");
            assertThat(message.clockOffset()).isEqualTo(Duration.ofMillis(-1500));
        }
    }

    @Test
    void aReadingWithoutMessageId_getsTheEdgesObservationId_everyTime() {
        Measurement spo2 = new Measurement(REGISTRY.require("spo2"), new MeasuredValue.Quantity(97, "%"), TIME,
                TimeSource.DEVICE);
        ObservationRecord record = new ObservationRecord("123456789", "ox-1", null, spo2, TIME);
        assertThat(ForwardedReading.of(new SameTransaction.Fresh(record, null)).id()).isEqualTo("edge-123456789");
    }

    @Test
    void malformedReadings_areRefusedWithAReason_notThrown() {
        List<String> problems = new ArrayList<>();
        ForwardedReading unknownType = new ForwardedReading("d", "m", TIME.toString(), "DEVICE", "no-such-type", 1.0,
                null, null, null, null, null, null);
        ForwardedReading badTime = new ForwardedReading("d", "m", "yesterday", "DEVICE", "spo2", 97.0,
                null, null, null, null, null, null);
        ForwardedReading notANumber = new ForwardedReading("d", "m", TIME.toString(), "DEVICE", "spo2", null,
                "V", null, null, null, null, null);
        ForwardedReading strangePanel = new ForwardedReading("d", "m", TIME.toString(), "DEVICE", "blood-pressure", null,
                null, java.util.Map.of("systolic-bp", 120.0, "pulse-pressure", 40.0), null, null, null, null);
        ForwardedReading noId = new ForwardedReading("d", null, TIME.toString(), "DEVICE", "spo2", 97.0,
                null, null, null, null, null, null);
        for (ForwardedReading reading : List.of(unknownType, badTime, notANumber, strangePanel, noId)) {
            assertThat(reading.message(REGISTRY, problems)).isEqualTo(Optional.empty());
        }
        assertThat(problems).hasSize(5).doesNotContainNull();
    }
}
