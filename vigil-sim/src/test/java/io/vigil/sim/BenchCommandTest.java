package io.vigil.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private int run(String... args) {
        return BenchCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                Map.of("VIGIL_PASSWORD", "p"), Clock.systemUTC());
    }

    @Test
    void run_withoutScenario_printsUsage() {
        assertThat(run()).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Usage: vigil bench sustained|burst");
    }

    @Test
    void run_unknownScenario_isAUsageError() {
        assertThat(run("soak")).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("expected sustained or burst, got 'soak'");
    }

    @Test
    void run_withoutRate_isAUsageError_becauseTheCorrectionNeedsOne() {
        assertThat(run("burst", "--devices", "2")).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--rate is required");
    }

    @Test
    void run_burstFactorOfOne_isAUsageError() {
        assertThat(run("burst", "--rate", "100", "--burst-factor", "1")).isEqualTo(2);
    }

    @Test
    void run_unreachableVigil_fails() {
        assertThat(run("sustained", "--rate", "100", "--url", "http://127.0.0.1:1", "--duration", "1s")).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("vigil bench:");
    }
}
