package io.vigil.bench;

import io.vigil.codec.DecodeResult;
import io.vigil.codec.DeviceMessage;
import io.vigil.codec.template.MappingTemplate;
import io.vigil.codec.template.ShippedTemplates;
import io.vigil.codec.template.TemplateCompilation;
import io.vigil.codec.template.TemplateCompiler;
import io.vigil.model.MeasurementRegistry;
import java.nio.charset.StandardCharsets;
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
    private static final byte[] WITHINGS_GETMEAS = """
            {"body": {"measuregrps": [
              {"attrib": 0, "category": 1, "date": 1482405304, "grpid": 676178693, "measures": [{"type": 91, "unit": -4, "value": 62230}]},
              {"attrib": 8, "category": 1, "date": 1482405304, "grpid": 676178692, "measures": [{"type": 91, "unit": -4, "value": 66077}]},
              {"attrib": 0, "category": 1, "date": 1482405290, "grpid": 676178722, "measures": [{"type": 11, "unit": 0, "value": 65}]},
              {"attrib": 0, "category": 1, "date": 1482405290, "grpid": 676178721, "measures": [
                {"type": 1, "unit": -3, "value": 58788}, {"type": 8, "unit": -2, "value": 580}, {"type": 76, "unit": -2, "value": 5032}]}
            ]}}""".getBytes(StandardCharsets.UTF_8);

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
