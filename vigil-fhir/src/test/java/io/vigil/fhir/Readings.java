package io.vigil.fhir;

import io.vigil.model.MeasuredValue;
import io.vigil.model.Measurement;
import io.vigil.model.MeasurementRegistry;
import io.vigil.model.MeasurementType;
import io.vigil.model.ObservationRecord;
import io.vigil.model.TimeSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Fixed readings for the tests: one device, one patient, the DESIGN.md example time. */
final class Readings {

    static final MeasurementRegistry REGISTRY = MeasurementRegistry.standard();
    static final Instant TIME = Instant.parse("2026-11-25T10:15:30Z");
    static final Instant RECEIVED = Instant.parse("2026-11-25T10:15:30.250Z");
    static final String DEVICE = "bp-001";
    static final String PATIENT = "p-12";

    private Readings() {
    }

    static ObservationRecord record(String id, Measurement measurement) {
        return new ObservationRecord(id, DEVICE, PATIENT, measurement, RECEIVED);
    }

    static Measurement quantity(String alias, double value) {
        MeasurementType type = REGISTRY.require(alias);
        return new Measurement(type, new MeasuredValue.Quantity(value, type.canonicalUnit()), TIME, TimeSource.DEVICE);
    }

    static Measurement bloodPressure(double systolic, double diastolic, Double mean) {
        MeasurementType bp = REGISTRY.require("blood-pressure");
        List<MeasuredValue.Component> components = new ArrayList<>();
        components.add(component(bp, "systolic", systolic));
        components.add(component(bp, "diastolic", diastolic));
        if (mean != null) {
            components.add(component(bp, "mean", mean));
        }
        return new Measurement(bp, new MeasuredValue.Panel(components), TIME, TimeSource.DEVICE);
    }

    private static MeasuredValue.Component component(MeasurementType panel, String name, double value) {
        MeasurementType type = panel.component(name).orElseThrow();
        return new MeasuredValue.Component(type, new MeasuredValue.Quantity(value, type.canonicalUnit()));
    }

    static Measurement consciousness(String letter) {
        MeasurementType type = REGISTRY.require("consciousness");
        return new Measurement(type, new MeasuredValue.Coded(type.answer(letter).orElseThrow()), TIME,
                TimeSource.DEVICE);
    }

    /** A typical, plausible reading of any registered type (midpoint of its plausible range for quantities). */
    static Measurement typical(MeasurementType type) {
        return switch (type.kind()) {
            case QUANTITY -> quantity(type.alias(), Math.round((type.plausible().min() + type.plausible().max()) / 2));
            case CODED -> new Measurement(type, new MeasuredValue.Coded(type.answers().getFirst()), TIME,
                    TimeSource.DEVICE);
            case PANEL -> bloodPressure(120, 80, 93.0);
        };
    }
}
