package io.vigil.codec.hl7;

import io.vigil.model.MeasuredValue;
import io.vigil.model.Measurement;
import io.vigil.model.MeasurementRegistry;
import io.vigil.model.MeasurementType;
import io.vigil.model.TimeSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns OBX metrics into measurements, gathering the components of one panel (systolic, diastolic and mean of a
 * non-invasive blood pressure) into one panel measurement. Components belong together when they share the OBR,
 * the channel of their OBX-4 containment (MDS.VMD.CHAN) and the time.
 */
final class Panels {
    private final Map<MeasurementType, MeasurementType> panelOf = new IdentityHashMap<>();

    /** What the components of one panel share (the panel by its alias: cheap to hash); the time may be null. */
    private record PanelKey(String panel, int request, String channel, Instant time) {}

    Panels(MeasurementRegistry registry) {
        for (MeasurementType type : registry.types()) {
            for (MeasurementType component : type.components()) {
                panelOf.put(component, type);
            }
        }
    }

    /** Measurements in OBX order (a panel where its first component was); incomplete panels become notes. */
    List<Hl7Reading> gather(List<ObservationReader.Metric> metrics, List<String> notes, Instant receivedAt) {
        Map<Object, List<ObservationReader.Metric>> groups = new LinkedHashMap<>();
        for (int i = 0; i < metrics.size(); i++) {
            ObservationReader.Metric metric = metrics.get(i);
            MeasurementType panel = panelOf.get(metric.type());
            // A metric outside a panel is a group of its own, keyed by its place in the message.
            Object key = panel == null ? Integer.valueOf(i)
                    : new PanelKey(panel.alias(), metric.request(), channel(metric.containment()), metric.time());
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(metric);
        }
        List<Hl7Reading> readings = new ArrayList<>();
        for (List<ObservationReader.Metric> group : groups.values()) {
            ObservationReader.Metric first = group.getFirst();
            MeasurementType panel = panelOf.get(first.type());
            Instant time = first.time() != null ? first.time() : receivedAt;
            TimeSource source = first.time() != null ? TimeSource.DEVICE : TimeSource.RECEIVED;
            if (panel == null) {
                readings.add(new Hl7Reading(new Measurement(first.type(),
                        new MeasuredValue.Quantity(first.value(), first.unit()), time, source, first.site()), first.position(),
                        first.containment()));
                continue;
            }
            MeasuredValue.Panel value = panel(panel, group, notes);
            if (value != null) {
                readings.add(new Hl7Reading(new Measurement(panel, value, time, source), first.position(),
                        first.containment()));
            }
        }
        return readings;
    }

    private static MeasuredValue.Panel panel(MeasurementType panel, List<ObservationReader.Metric> group, List<String> notes) {
        List<MeasuredValue.Component> components = new ArrayList<>();
        for (MeasurementType component : panel.components()) {
            List<ObservationReader.Metric> sent = new ArrayList<>(1);
            for (ObservationReader.Metric metric : group) {
                if (metric.type() == component) {
                    sent.add(metric);
                }
            }
            if (sent.size() > 1) {
                notes.add(sent.get(1).position() + " " + component.alias() + ": repeats " + sent.getFirst().position()
                        + " in the same channel and time; the first is kept");
            }
            if (!sent.isEmpty()) {
                components.add(new MeasuredValue.Component(component,
                        new MeasuredValue.Quantity(sent.getFirst().value(), sent.getFirst().unit())));
            }
        }
        MeasuredValue.Panel value = new MeasuredValue.Panel(components);
        var systolic = value.component("systolic-bp");
        var diastolic = value.component("diastolic-bp");
        String where = group.getFirst().position();
        if (systolic.isEmpty() || diastolic.isEmpty()) {
            notes.add(where + " " + panel.alias() + ": needs systolic and diastolic in the same channel and time;"
                    + " the lone component is not stored");
            return null;
        }
        if (systolic.get().quantity().value() <= diastolic.get().quantity().value()) {
            notes.add(where + " " + panel.alias() + ": systolic is not above diastolic; not stored");
            return null;
        }
        return value;
    }

    /** MDS.VMD.CHAN of a containment such as 1.1.9.150301; the whole text when it has fewer parts. */
    private static String channel(String containment) {
        if (containment == null) {
            return "";
        }
        int dot = -1;
        for (int i = 0; i < 3; i++) {
            dot = containment.indexOf('.', dot + 1);
            if (dot < 0) {
                return containment;
            }
        }
        return containment.substring(0, dot);
    }
}
