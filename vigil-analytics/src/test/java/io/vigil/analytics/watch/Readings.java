package io.vigil.analytics.watch;

import io.vigil.model.MeasuredValue;
import io.vigil.model.Measurement;
import io.vigil.model.MeasurementRegistry;
import io.vigil.model.MeasurementType;
import io.vigil.model.ObservationRecord;
import io.vigil.model.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Stored readings for rule tests: a quantity of a registry measurement, with notes and a clock offset. */
public final class Readings {
    private static final MeasurementRegistry REGISTRY = MeasurementRegistry.standard();

    private Readings() {
    }

    public static ObservationRecord reading(String alias, double value, Instant time) {
        return reading("dev-1", alias, value, time, List.of(), null);
    }

    public static ObservationRecord reading(String device, String alias, double value, Instant time, List<String> notes,
                                            Duration clockOffset) {
        MeasurementType type = REGISTRY.require(alias);
        Measurement m = new Measurement(type, new MeasuredValue.Quantity(value, type.canonicalUnit()), time,
                TimeSource.DEVICE);
        return new ObservationRecord("o-" + alias + "-" + time.toEpochMilli(), device, "p1", m, time, notes, clockOffset);
    }
}
