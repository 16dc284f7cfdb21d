package io.vigil.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class SimulateArgumentsTest {

    private static final Map<String, String> ENV = Map.of("VIGIL_PASSWORD", "from-env");

    @Test
    void parse_noFlags_givesDefaults() {
        SimulateArguments a = run();

        assertThat(a.url()).isEqualTo(URI.create("http://127.0.0.1:8080"));
        assertThat(a.mqtt()).isEqualTo(URI.create("mqtt://127.0.0.1:1883"));
        assertThat(a.user()).isEqualTo("admin");
        assertThat(a.password()).isEqualTo("from-env");
        assertThat(a.devices()).isEqualTo(12);
        assertThat(a.duration()).isNull();
        assertThat(a.scenarios()).containsExactly(Scenario.STABLE);
        assertThat(a.transport()).isEqualTo(Transport.MQTT);
        assertThat(a.speed()).isEqualTo(1.0);
        assertThat(a.seed()).isNull();
        assertThat(a.load()).isFalse();
        assertThat(a.batch()).isEqualTo(1);
        assertThat(a.unit()).isEqualTo("sim");
        assertThat(a.interval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(a.inFlight()).isEqualTo(32);
        assertThat(a.faultEvery()).isNull();
        assertThat(a.ackLog()).isNull();
        assertThat(a.attach()).isFalse();
    }

    @Test
    void parse_ackLog_isAFile() {
        assertThat(run("--load", "--ack-log", "/tmp/acks.tsv").ackLog()).isEqualTo(java.nio.file.Path.of("/tmp/acks.tsv"));
    }

    @Test
    void parse_attach_isASwitch() {
        assertThat(run("--attach", "--unit", "home").attach()).isTrue();
    }

    @Test
    void parse_everyFlag_isRead() {
        SimulateArguments a = run("--url", "http://10.0.0.5:9090", "--mqtt", "mqtt://broker:2883",
                "--user", "ops", "--password", "s3cret", "--devices", "200", "--rate", "10000",
                "--duration", "5m", "--scenario", "heart-failure", "--transport", "mqtt", "--speed", "60",
                "--seed", "42", "--load", "--batch", "4", "--baseline", "--unit", "ward-b", "--in-flight", "16",
                "--faults", "2m");

        assertThat(a.url()).isEqualTo(URI.create("http://10.0.0.5:9090"));
        assertThat(a.mqtt()).isEqualTo(URI.create("mqtt://broker:2883"));
        assertThat(a.user()).isEqualTo("ops");
        assertThat(a.password()).isEqualTo("s3cret");
        assertThat(a.devices()).isEqualTo(200);
        assertThat(a.rate()).isEqualTo(10_000);
        assertThat(a.duration()).isEqualTo(Duration.ofMinutes(5));
        assertThat(a.scenarios()).containsExactly(Scenario.HEART_FAILURE);
        assertThat(a.speed()).isEqualTo(60);
        assertThat(a.seed()).isEqualTo(42L);
        assertThat(a.load()).isTrue();
        assertThat(a.batch()).isEqualTo(4);
        assertThat(a.baseline()).isTrue();
        assertThat(a.unit()).isEqualTo("ward-b");
        assertThat(a.inFlight()).isEqualTo(16);
        assertThat(a.faultEvery()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void parse_equalsForm_isAccepted() {
        SimulateArguments a = run("--devices=3", "--scenario=mixed", "--transport=http", "--user=x");

        assertThat(a.devices()).isEqualTo(3);
        assertThat(a.scenarios()).containsExactly(Scenario.values());
        assertThat(a.transport()).isEqualTo(Transport.HTTP);
        assertThat(a.user()).isEqualTo("x");
    }

    @Test
    void parse_load_defaultsToSixtySeconds() {
        assertThat(run("--load").duration()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void parse_userFromEnvironment() {
        SimulateArguments.Parsed parsed = SimulateArguments.parse(List.of(),
                Map.of("VIGIL_USER", "clinician", "VIGIL_PASSWORD", "p"));

        assertThat(((SimulateArguments.Run) parsed).arguments().user()).isEqualTo("clinician");
    }

    @ParameterizedTest
    @CsvSource({"90s,90000", "5m,300000", "2h,7200000", "1d,86400000", "250ms,250", "30,30000", "1.5s,1500",
            "PT10M,600000"})
    void duration_acceptedForms(String text, long millis) {
        assertThat(SimulateArguments.duration("--duration", text)).isEqualTo(Duration.ofMillis(millis));
    }

    @Test
    void parse_help_asksForHelp() {
        assertThat(SimulateArguments.parse(List.of("--devices", "3", "--help"), ENV))
                .isInstanceOf(SimulateArguments.Help.class);
        assertThat(SimulateArguments.parse(List.of("-h"), Map.of())).isInstanceOf(SimulateArguments.Help.class);
    }

    static Stream<Arguments> badFlags() {
        return Stream.of(
                arguments(List.of("--frobnicate"), "unknown flag --frobnicate"),
                arguments(List.of("extra"), "unknown argument extra"),
                arguments(List.of("--devices"), "--devices needs a value"),
                arguments(List.of("--devices", "0"), "--devices: expected a whole number of at least 1, got '0'"),
                arguments(List.of("--devices", "many"),
                        "--devices: expected a whole number of at least 1, got 'many'"),
                arguments(List.of("--rate", "-5"), "--rate: expected a number above 0, got '-5'"),
                arguments(List.of("--speed", "fast"), "--speed: expected a number above 0, got 'fast'"),
                arguments(List.of("--duration", "soon"),
                        "--duration: expected a duration such as 60s, 5m or 2h, got 'soon'"),
                arguments(List.of("--duration", "0s"),
                        "--duration: expected a duration such as 60s, 5m or 2h, got '0s'"),
                arguments(List.of("--scenario", "flu"), "--scenario: expected stable, sepsis, hypoglycaemia, "
                        + "heart-failure, copd or mixed, got 'flu'"),
                arguments(List.of("--transport", "coap"), "--transport: expected mqtt or http, got 'coap'"),
                arguments(List.of("--url", "127.0.0.1:8080"),
                        "--url: expected http://host:port, got '127.0.0.1:8080'"),
                arguments(List.of("--mqtt", "http://127.0.0.1:1883"),
                        "--mqtt: expected mqtt://host:port, got 'http://127.0.0.1:1883'"),
                arguments(List.of("--seed", "x1"), "--seed: expected a whole number, got 'x1'"),
                arguments(List.of("--batch", "4"), "--batch applies only with --load"),
                arguments(List.of("--baseline"), "--baseline applies only with --load"),
                arguments(List.of("--load", "--baseline", "--transport", "http"),
                        "--baseline needs --transport mqtt (the baseline topic is an MQTT topic)"),
                arguments(List.of("--load", "--interval", "1s"),
                        "--interval applies only without --load (use --rate to pace a load run)"),
                arguments(List.of("--rate", "100", "--interval", "1s"),
                        "--rate and --interval both pace the monitors: give one"),
                arguments(List.of("--load=yes"), "--load takes no value"),
                arguments(List.of("--user", ""), "--user must not be empty"));
    }

    @ParameterizedTest
    @MethodSource("badFlags")
    void parse_badFlags_nameTheFlag(List<String> args, String message) {
        assertThat(SimulateArguments.parse(args, ENV)).isEqualTo(new SimulateArguments.Invalid(message));
    }

    @Test
    void parse_noPassword_isAUsageError() {
        assertThat(SimulateArguments.parse(List.of("--devices", "2"), Map.of()))
                .isEqualTo(new SimulateArguments.Invalid("--password is required (or set VIGIL_PASSWORD)"));
    }

    @Test
    void toString_neverShowsThePassword() {
        assertThat(run("--password", "hunter2").toString()).doesNotContain("hunter2");
    }

    private static SimulateArguments run(String... args) {
        SimulateArguments.Parsed parsed = SimulateArguments.parse(List.of(args), ENV);
        assertThat(parsed).isInstanceOf(SimulateArguments.Run.class);
        return ((SimulateArguments.Run) parsed).arguments();
    }
}
