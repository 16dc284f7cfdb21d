package io.vigil.bench;

import io.vigil.codec.sun.PiccData;
import io.vigil.codec.sun.SunResult;
import io.vigil.codec.sun.SunUrl;
import io.vigil.codec.sun.SunVerifier;
import io.vigil.codec.sun.VerifiedTap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * NTAG 424 DNA SUN verification of AN12196's example with encrypted file data (all-zero keys): parse the URL, decrypt
 * the PICC data, derive both session keys, check the MAC, decrypt the file data — the codec's share of one scan.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SunBenchmark {
    private static final String URL = "https://my424dna.com/?picc_data=FD91EC264309878BE6345CBE53BADF40"
            + "&enc=CEE9A53E3E463EF1F459635736738962&cmac=ECC1E7F6C6C73BF6";
    private static final byte[] ZERO = new byte[16];

    @Setup
    public void vectorVerifies() {
        if (!(verify() instanceof SunResult.Ok<VerifiedTap> ok) || ok.value().picc().counter() != 8) {
            throw new IllegalStateException("AN12196's example does not verify");
        }
    }

    @Benchmark
    public SunResult<VerifiedTap> verify() {
        SunUrl url = ((SunResult.Ok<SunUrl>) SunUrl.parse(URL)).value();
        PiccData picc = ((SunResult.Ok<PiccData>) SunVerifier.readPicc(url, ZERO)).value();
        return SunVerifier.verify(url, picc, ZERO);
    }
}
