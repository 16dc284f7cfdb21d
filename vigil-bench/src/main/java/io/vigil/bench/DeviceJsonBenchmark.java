package io.vigil.bench;

import io.vigil.codec.DecodeResult;
import io.vigil.codec.DeviceMessage;
import io.vigil.codec.json.DeviceJsonDecoder;
import io.vigil.model.MeasurementRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
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

/** Vigil device JSON with four values (one of them a °F temperature converted, one a blood pressure panel). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DeviceJsonBenchmark {
    private static final byte[] FOUR_VALUES = """
            {"id": "msg-0001", "time": "2026-11-25T10:15:30Z", "values": {"heart-rate": 72, "spo2": 97,
            "body-temperature": {"value": 99.1, "unit": "[degF]"},
            "blood-pressure": {"systolic": 120, "diastolic": 80, "mean": 93}}}""".getBytes(StandardCharsets.UTF_8);

    private final DeviceJsonDecoder decoder = new DeviceJsonDecoder(MeasurementRegistry.standard());

    @Setup
    public void payloadDecodesToTheCountedReadings() {
        ReadingCount.expect("device JSON", 4, decoder.decode(FOUR_VALUES, GattBenchmark.RECEIVED),
                messages -> messages.stream().mapToInt(m -> m.measurements().size()).sum());
    }

    @Benchmark
    @OperationsPerInvocation(4)
    public DecodeResult<List<DeviceMessage>> fourValues() {
        return decoder.decode(FOUR_VALUES, GattBenchmark.RECEIVED);
    }
}
