package io.vigil.bench;

import io.vigil.analytics.alert.ConditionEvent;
import io.vigil.analytics.news2.SpO2Scale;
import io.vigil.analytics.watch.PatientWatch;
import io.vigil.analytics.watch.WatchRules;
import io.vigil.model.MeasuredValue;
import io.vigil.model.Measurement;
import io.vigil.model.MeasurementRegistry;
import io.vigil.model.MeasurementType;
import io.vigil.model.ObservationRecord;
import io.vigil.model.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Every per-reading rule of one patient ({@link PatientWatch}: 9 limits, scale-2 high-on-oxygen, technical
 * conditions, 4 trend rules, CGM predicted low) for one stored reading, with windows already full: a bedside monitor
 * sending heart rate, SpO2 and respiratory rate every second in turn (the SpO2 slope and respiratory-rate slope
 * windows hold an hour of readings), a PLX reading with status notes and a clock offset, and a CGM reading every
 * 5 minutes. Each call makes the reading (a record, as the server hands over) and evaluates it; time moves on.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RuleEvaluationBenchmark {
    private static final MeasurementRegistry REGISTRY = MeasurementRegistry.standard();
    private static final MeasurementType HEART_RATE = REGISTRY.require("heart-rate");
    private static final MeasurementType SPO2 = REGISTRY.require("spo2");
    private static final MeasurementType RESPIRATORY_RATE = REGISTRY.require("respiratory-rate");
    private static final MeasurementType CGM = REGISTRY.require("cgm-glucose");
    private static final List<String> PLX_NOTES = List.of("validated data", "pulse amplitude index 2.4 %");
    private static final Duration PLX_OFFSET = Duration.ofMillis(850);

    private PatientWatch monitor;
    private PatientWatch cgmPatient;
    private Instant time;
    private Instant cgmTime;
    private long n;

    @Setup
    public void windowsFull() {
        monitor = new PatientWatch("p-bench", WatchRules.defaults(), SpO2Scale.SCALE_1, List.of());
        cgmPatient = new PatientWatch("p-cgm", WatchRules.defaults(), SpO2Scale.SCALE_1, List.of());
        time = Instant.parse("2026-11-25T00:00:00Z");
        cgmTime = time;
        for (int i = 0; i < 3 * 3600; i++) {
            continuousReading();
        }
        for (int i = 0; i < 24; i++) {
            cgmReading();
        }
    }

    @Benchmark
    public List<ConditionEvent> continuousReading() {
        n++;
        time = time.plusSeconds(1);
        int which = (int) (n % 3);
        MeasurementType type = which == 0 ? HEART_RATE : which == 1 ? SPO2 : RESPIRATORY_RATE;
        double value = which == 0 ? 72 + (n % 7) : which == 1 ? 96 + (n % 3) : 15 + (n % 4);
        return monitor.accept(reading(type, value, time, List.of(), null));
    }

    @Benchmark
    public List<ConditionEvent> plxReadingWithNotes() {
        n++;
        time = time.plusSeconds(1);
        return monitor.accept(reading(SPO2, 96 + (n % 3), time, PLX_NOTES, PLX_OFFSET));
    }

    @Benchmark
    public List<ConditionEvent> cgmReading() {
        n++;
        cgmTime = cgmTime.plus(Duration.ofMinutes(5));
        return cgmPatient.accept(reading(CGM, 120 + 30 * Math.sin(n / 20.0), cgmTime, List.of(), null));
    }

    private static ObservationRecord reading(MeasurementType type, double value, Instant time, List<String> notes,
                                             Duration offset) {
        Measurement m = new Measurement(type, new MeasuredValue.Quantity(value, type.canonicalUnit()), time, TimeSource.DEVICE);
        return new ObservationRecord("o", "dev-bench", "p-bench", m, time, notes, offset);
    }
}
