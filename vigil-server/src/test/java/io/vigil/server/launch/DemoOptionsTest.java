package io.vigil.server.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DemoOptionsTest {

    @Test
    void parse_allOptions() {
        DemoOptions options = DemoOptions.parse(new String[] {"--http-port", "0", "--mqtt-port", "1884", "--data-dir", "/tmp/x", "--no-sim"});
        assertThat(options).isEqualTo(new DemoOptions(0, 1884, "/tmp/x", false));
    }

    @Test
    void parse_nothing_defaults() {
        assertThat(DemoOptions.parse(new String[0])).isEqualTo(new DemoOptions(null, null, "./data", true));
    }

    @Test
    void parse_badPort_namesTheFlag() {
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--mqtt-port", "70000"})).hasMessageContaining("--mqtt-port");
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--http-port"})).hasMessageContaining("--http-port needs a value");
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--fast"})).hasMessageContaining("--fast");
    }

    @Test
    void helpCommand_exitsZero_unknownCommand_exitsTwo() {
        assertThat(VigilCommand.run(new String[] {"help"})).isZero();
        assertThat(VigilCommand.run(new String[] {"frobnicate"})).isEqualTo(2);
    }
}
