package io.vigil.bench;

import io.vigil.codec.DecodeResult;
import io.vigil.codec.DeviceMessage;
import io.vigil.codec.template.MappingTemplate;
import io.vigil.codec.template.ShippedTemplates;
import io.vigil.codec.template.TemplateCompilation;
import io.vigil.codec.template.TemplateCompiler;
import io.vigil.model.MeasurementRegistry;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A vendor payload through a shipped mapping template (compiled once, as the server does): Withings' published
 * Measure - Getmeas answer, whose pulse-wave-velocity, fat-mass and muscle-mass rows the template skips.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TemplateBenchmark {
    private static final byte[] WITHINGS_GETMEAS = PublishedPayloads.read(PublishedPayloads.WITHINGS_GETMEAS);

    private MappingTemplate withings;

    @Setup
    public void compileTheShippedTemplate() {
        TemplateCompilation compiled = new TemplateCompiler(MeasurementRegistry.standard())
                .compile("withings-measures", ShippedTemplates.text("withings-measures").orElseThrow());
        if (!(compiled instanceof TemplateCompilation.Compiled ok)) {
            throw new IllegalStateException("withings-measures refused: " + ((TemplateCompilation.Refused) compiled).describe());
        }
        withings = ok.template();
        ReadingCount.expect("withings-measures", 2, withingsGetmeas(),
                messages -> messages.stream().mapToInt(m -> m.measurements().size()).sum());
    }

    @Benchmark
    @OperationsPerInvocation(2)
    public DecodeResult<List<DeviceMessage>> withingsGetmeas() {
        return withings.map(WITHINGS_GETMEAS, "scale-1", GattBenchmark.RECEIVED);
    }
}
