package io.vigil.bench;

import io.vigil.codec.DecodeResult;
import io.vigil.codec.ble.GattDecoder;
import io.vigil.codec.ble.GattReading;
import io.vigil.model.MeasurementRegistry;
import java.time.Instant;
import java.util.HexFormat;
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
 * BLE GATT characteristic value → coded, unit-normalised measurements (one reading = one measurement: a blood
 * pressure panel is one reading). Values from Nordic's Android-BLE-Common-Library tests and the SIG layout.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class GattBenchmark {
    static final Instant RECEIVED = Instant.parse("2026-11-25T10:15:30Z");

    /** 0x2A35 all flags: mmHg panel 138/88/120, time stamp, pulse rate 60, user 1, measurement status: 2 readings. */
    private static final byte[] BLOOD_PRESSURE = HexFormat.of().parseHex("1E8A00580078000000041114293B3C00012700");
    /** 0x2A37 flags 0x16 (sensor contact detected, RR intervals): 72 /min and two RR intervals: 1 reading. */
    private static final byte[] HEART_RATE = HexFormat.of().parseHex("1648" + "0004" + "1004");
    /** 0x2AA7 two records in one notification (Nordic's "double" vector): 2 readings. */
    private static final byte[] CGM = HexFormat.of().parseHex("06000C100500" + "06000C100600");

    private final GattDecoder decoder = new GattDecoder(MeasurementRegistry.standard());

    @Setup
    public void payloadsDecodeToTheCountedReadings() {
        ReadingCount.expect("2A35", 2, decoder.decode("2A35", BLOOD_PRESSURE, RECEIVED), r -> r.measurements().size());
        ReadingCount.expect("2A37", 1, decoder.decode("2A37", HEART_RATE, RECEIVED), r -> r.measurements().size());
        ReadingCount.expect("2AA7", 2, decoder.decode("2AA7", CGM, RECEIVED), r -> r.measurements().size());
    }

    @Benchmark
    @OperationsPerInvocation(2)
    public DecodeResult<GattReading> bloodPressure2A35() {
        return decoder.decode("2A35", BLOOD_PRESSURE, RECEIVED);
    }

    @Benchmark
    @OperationsPerInvocation(1)
    public DecodeResult<GattReading> heartRate2A37() {
        return decoder.decode("2A37", HEART_RATE, RECEIVED);
    }

    @Benchmark
    @OperationsPerInvocation(2)
    public DecodeResult<GattReading> cgm2AA7TwoRecords() {
        return decoder.decode("2AA7", CGM, RECEIVED);
    }
}
