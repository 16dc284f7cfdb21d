package io.vigil.bench;

import io.vigil.codec.DecodeResult;
import io.vigil.codec.hl7.Hl7Decoder;
import io.vigil.codec.hl7.Hl7Message;
import io.vigil.model.MeasurementRegistry;
import java.time.ZoneOffset;
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
 * IHE PCD-01 ORU^R01 (HAPI HL7 v2 parser underneath) → readings: the Mindray VS-900 message published in a HAPI
 * HL7v2 usage write-up: seven OBX, four readings.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class Hl7Benchmark {
    /** SpO2, pulse rate, the NIBP panel (three OBX), axillary temperature; the perfusion index is not a Vigil type. */
    static final int READINGS = 4;

    private static final byte[] MINDRAY_VS900 = PublishedPayloads.read(PublishedPayloads.MINDRAY_VS900);

    private final Hl7Decoder decoder = new Hl7Decoder(MeasurementRegistry.standard(), ZoneOffset.UTC);

    @Setup
    public void messageDecodesToTheCountedReadings() {
        ReadingCount.expect("ORU^R01", READINGS, decoder.decode(MINDRAY_VS900, GattBenchmark.RECEIVED),
                message -> message.readings().size());
    }

    @Benchmark
    @OperationsPerInvocation(READINGS)
    public DecodeResult<Hl7Message> oruR01SevenObx() {
        return decoder.decode(MINDRAY_VS900, GattBenchmark.RECEIVED);
    }
}
