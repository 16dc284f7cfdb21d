package io.vigil.bench;

import io.vigil.codec.DecodeResult;
import io.vigil.codec.hl7.Hl7Decoder;
import io.vigil.codec.hl7.Hl7Message;
import io.vigil.model.MeasurementRegistry;
import java.nio.charset.StandardCharsets;
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

    private static final byte[] MINDRAY_VS900 = (String.join("\r",
            "MSH|^~\\&|MINDRAY_VS900^00A0370098007A80^EUI-64||||20191206113452||ORU^R01^ORU_R01|1914|P|2.6|||AL|NE||UNICODE UTF-8|||IHE_PCD_001^IHE PCD^1.3.6.1.4.1.19376.1.6.1.1.1^ISO",
            "PID|||^^^Hospital^PI||^^^^^^L",
            "PV1||I||||||||||||||||||||||||||||||||||||||||||20191201",
            "OBR|1|1914^MINDRAY_VS900^00A0370098007A80^EUI-64|1914^MINDRAY_VS900^00A0370098007A80^EUI-64|182777000^monitoring of patient^SCT|||20191206113452",
            "OBX|1|NM|150456^MDC_PULS_OXIM_SAT_O2^MDC|1.3.1.150456|99|262688^MDC_DIM_PERCENT^MDC|||||R|||20191206113452||||00A0370098007A80^^00A0370098007A80^EUI-64",
            "OBX|2|NM|149530^MDC_PULS_OXIM_PULS_RATE^MDC|1.3.1.149530|94|264864^MDC_DIM_BEAT_PER_MIN^MDC|||||R|||20191206113452",
            "OBX|3|NM|150488^MDC_BLD_PERF_INDEX^MDC|1.3.1.150488|0.94|262688^MDC_DIM_PERCENT^MDC|||||R|||20191206113452",
            "OBX|4|NM|150301^MDC_PRESS_CUFF_SYS^MDC|1.1.9.150301|147|266016^MDC_DIM_MMHG^MDC|||||R|||20191206111016|||^APERIODIC",
            "OBX|5|NM|150303^MDC_PRESS_CUFF_MEAN^MDC|1.1.9.150303|109|266016^MDC_DIM_MMHG^MDC|||||R|||20191206111016|||^APERIODIC",
            "OBX|6|NM|150302^MDC_PRESS_CUFF_DIA^MDC|1.1.9.150302|90|266016^MDC_DIM_MMHG^MDC|||||R|||20191206111016|||^APERIODIC",
            "OBX|7|NM|188496^MDC_TEMP_AXIL^MDC|1.2.5.188496|35.1|268192^MDC_DIM_DEGC^MDC|||||R|||20191206113415|||^APERIODIC") + "\r")
            .getBytes(StandardCharsets.UTF_8);

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
