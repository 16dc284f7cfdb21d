package io.vigil.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulateCommandTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @Test
    void help_printsEveryFlag_andExitsZero() {
        int code = SimulateCommand.run(new String[] {"--help"}, out);

        assertThat(code).isZero();
        assertThat(output()).contains("Usage: vigil simulate", "--url", "--mqtt", "--user", "--password",
                "--devices", "--rate", "--duration", "--scenario", "--transport", "--speed", "--seed", "--load",
                "--batch", "--baseline", "--unit");
    }

    @Test
    void badFlag_exitsTwo_namingTheFlag() {
        int code = SimulateCommand.run(new String[] {"--devices", "lots"}, out);

        assertThat(code).isEqualTo(2);
        assertThat(output()).contains("--devices", "'lots'", "--help");
    }

    @Test
    void unreachableVigil_exitsOne_sayingWhere() {
        int code = SimulateCommand.run(new String[] {"--url", "http://127.0.0.1:1", "--password", "x",
                "--duration", "1s"}, out, Map.of(), Clock.systemUTC());

        assertThat(code).isEqualTo(1);
        assertThat(output()).contains("cannot reach Vigil at http://127.0.0.1:1");
    }

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
