package io.vigil.server.edge;

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
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One stored reading as an edge forwards it: already decoded, coded and in canonical units, with its original
 * time, and with a message id that stays the same on every retry — the device's own id when it sent one, else
 * {@code edge-<the edge's observation id>} — so the upstream stores it once ({@code observation_message_unique}).
 *
 * @param patient the patient the edge attributed it to (informational: the upstream attributes by its own
 *                assignments, which the edge's roster mirrors)
 */
public record ForwardedReading(String device, String id, String time, String timeSource, String type, Double value,
                               String code, Map<String, Double> components, List<String> notes, Long clockOffsetMs,
                               String bodySite, String patient) {

    static ForwardedReading of(SameTransaction.Fresh fresh) {
        ObservationRecord record = fresh.record();
        Measurement m = record.measurement();
        Double value = null;
        String code = null;
        Map<String, Double> components = null;
        switch (m.value()) {
            case MeasuredValue.Quantity q -> value = q.value();
            case MeasuredValue.Coded c -> code = c.answer().code();
            case MeasuredValue.Panel panel -> {
                components = new LinkedHashMap<>();
                for (MeasuredValue.Component c : panel.components()) {
                    components.put(c.type().alias(), c.quantity().value());
                }
            }
        }
        String id = fresh.messageId() != null ? fresh.messageId() : "edge-" + record.id();
        return new ForwardedReading(record.deviceId(), id, m.time().toString(), m.timeSource().name(), m.type().alias(),
                value, code, components, record.notes().isEmpty() ? null : record.notes(),
                record.clockOffset() == null ? null : record.clockOffset().toMillis(),
                m.bodySite() == null ? null : m.bodySite().code().code(), record.patientId());
    }

    /** The reading as one device message for the upstream's ingest, or why it cannot be one. */
    Optional<DeviceMessage> message(MeasurementRegistry registry, List<String> problems) {
        if (device == null || device.isBlank() || id == null || id.isBlank() || id.length() > 128) {
            problems.add("a reading needs its device and a message id of at most 128 characters");
            return Optional.empty();
        }
        Optional<MeasurementType> found = type == null ? Optional.empty() : registry.find(type);
        if (found.isEmpty()) {
            problems.add("unknown measurement type");
            return Optional.empty();
        }
        MeasurementType measured = found.get();
        Instant at;
        try {
            at = Instant.parse(time);
        } catch (DateTimeParseException | NullPointerException e) {
            problems.add("time is not an ISO-8601 instant");
            return Optional.empty();
        }
        Optional<MeasuredValue> measuredValue = value(measured);
        if (measuredValue.isEmpty()) {
            problems.add("the value does not fit the measurement type");
            return Optional.empty();
        }
        TimeSource source = "RECEIVED".equals(timeSource) ? TimeSource.RECEIVED : TimeSource.DEVICE;
        BodySite site = bodySite == null ? null : BodySite.ofSnomed(bodySite).orElse(null);
        Measurement measurement = new Measurement(measured, measuredValue.get(), at, source, site);
        return Optional.of(new DeviceMessage(id, List.of(measurement), notes == null ? List.of() : notes,
                clockOffsetMs == null ? null : Duration.ofMillis(clockOffsetMs)));
    }

    private Optional<MeasuredValue> value(MeasurementType measured) {
        try {
            return switch (measured.kind()) {
                case QUANTITY -> value == null ? Optional.empty()
                        : Optional.of(new MeasuredValue.Quantity(value, measured.canonicalUnit()));
                case CODED -> code == null ? Optional.empty()
                        : measured.answer(code).map(MeasuredValue.Coded::new);
                case PANEL -> {
                    // The components the edge stored (a panel may lack an optional one, e.g. mean pressure), in the
                    // type's order; a name the type does not know spoils the reading.
                    if (components == null || components.isEmpty() || !components.keySet().stream()
                            .allMatch(name -> measured.components().stream().anyMatch(c -> c.alias().equals(name)))) {
                        yield Optional.empty();
                    }
                    List<MeasuredValue.Component> parts = new ArrayList<>();
                    for (MeasurementType component : measured.components()) {
                        Double part = components.get(component.alias());
                        if (part != null) {
                            parts.add(new MeasuredValue.Component(component,
                                    new MeasuredValue.Quantity(part, component.canonicalUnit())));
                        }
                    }
                    yield Optional.of(new MeasuredValue.Panel(parts));
                }
            };
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
