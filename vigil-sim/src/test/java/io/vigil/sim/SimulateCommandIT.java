package io.vigil.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code vigil simulate} end to end against a stand-in Vigil over real HTTP (and the local broker for MQTT). */
class SimulateCommandIT {

    private static final Map<String, String> ENV = Map.of("VIGIL_PASSWORD", "demo-pw");

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private FakeVigil vigil;

    @BeforeEach
    void startVigil() throws Exception {
        vigil = new FakeVigil("admin", "demo-pw");
    }

    @AfterEach
    void stopVigil() {
        vigil.close();
    }

    @Test
    void httpTransport_provisionsPatientsDevicesAssignments_andPostsReadingsWithDeviceSecrets() {
        Instant before = Instant.now();

        // a glucometer sends once (within the 2 s start jitter) and then every 6 h: 10 s leaves room for a slow start
        int code = run("--url", vigil.uri().toString(), "--transport", "http", "--devices", "4",
                "--scenario", "mixed", "--duration", "10s", "--interval", "200ms", "--seed", "7", "--unit", "ward-t");

        assertThat(code).as(output()).isZero();
        // mixed: stable (bedside), sepsis (bedside), hypoglycaemia (CGM + glucometer)
        assertThat(vigil.patients).hasSize(3).allSatisfy(p -> {
            assertThat(p.get("unit").asText()).isEqualTo("ward-t");
            assertThat(p.get("mrn").asText()).startsWith("SIM-");
            assertThat(p.path("name").path("given").asText()).isNotEmpty();
            assertThat(p.get("sex").asText()).isIn("female", "male");
        });
        assertThat(vigil.devices).extracting(d -> d.get("type").asText())
                .containsExactlyInAnyOrder("bedside-monitor", "bedside-monitor", "cgm", "glucometer");
        assertThat(vigil.assignments).hasSize(4).allSatisfy((device, assignment) -> {
            assertThat(assignment.get("patient").asText()).startsWith("p-");
            assertThat(Instant.parse(assignment.get("start").asText())).isAfterOrEqualTo(before.minusSeconds(1));
        });
        assertThat(vigil.measurements).isNotEmpty().allSatisfy(posted -> {
            assertThat(posted.authorization()).isEqualTo("Bearer " + vigil.secrets.get(posted.deviceId()));
            assertThat(posted.body().get("id").asText()).startsWith(posted.deviceId() + "-");
        });
        Set<String> sending = vigil.measurements.stream().map(FakeVigil.Posted::deviceId).collect(Collectors.toSet());
        assertThat(sending).hasSize(4);
        assertThat(output()).contains("provisioned 4 devices for 3 patients in unit ward-t", "(seed 7)",
                "readings acked", "durable");
    }

    @Test
    void httpTransport_refusedReadings_areCountedByCode() {
        vigil.ingestAnswer = new FakeVigil.Answer(422, "{\"type\": \"about:blank\", \"status\": 422, "
                + "\"code\": \"VIGIL-1004\", \"detail\": \"values.heart-rate: implausible\"}");

        int code = run("--url", vigil.uri().toString(), "--transport", "http", "--devices", "1", "--load",
                "--rate", "30", "--duration", "3s");

        assertThat(code).as(output()).isZero();
        assertThat(output()).containsPattern("HTTP 422 VIGIL-1004 +[1-9]");
    }

    @Test
    void faults_sendDeliberatelyImplausibleReadings_countedAsRejected() {
        vigil.ingestAnswer = new FakeVigil.Answer(201, "{}");

        int code = run("--url", vigil.uri().toString(), "--transport", "http", "--devices", "2",
                "--interval", "100ms", "--faults", "200ms", "--duration", "4s");

        assertThat(code).as(output()).isZero();
        assertThat(vigil.measurements).anySatisfy(posted ->
                assertThat(posted.body().path("values").path("heart-rate").asInt()).isEqualTo(900));
    }

    @Test
    void wrongPassword_exitsOne_namingTheUser() {
        int code = SimulateCommand.run(new String[] {"--url", vigil.uri().toString(), "--password", "nope",
                "--duration", "1s"}, out, Map.of(), Clock.systemUTC());

        assertThat(code).isEqualTo(1);
        assertThat(output()).contains("refused user 'admin' (HTTP 401)");
        assertThat(output()).doesNotContain("nope");
    }

    @Test
    void mqttBrokerUnreachable_exitsOne_namingTheBroker() {
        int code = run("--url", vigil.uri().toString(), "--mqtt", "mqtt://127.0.0.1:1", "--devices", "1",
                "--duration", "1s");

        assertThat(code).isEqualTo(1);
        assertThat(output()).contains("cannot reach the MQTT broker at mqtt://127.0.0.1:1");
    }

    @Test
    void loadWithBaseline_overMqtt_printsBothPhasesSideBySide() {
        assumeTrue(MosquittoBroker.reachable(), "no MQTT broker on 127.0.0.1:1883");

        int code = run("--url", vigil.uri().toString(), "--mqtt", MosquittoBroker.URI.toString(), "--devices", "4",
                "--load", "--baseline", "--rate", "400", "--batch", "2", "--duration", "2s");

        String output = output();
        assertThat(code).as(output).isZero();
        assertThat(output).containsPattern("\\n +baseline +durable\\R");
        assertThat(output).containsPattern("acked readings/s +[1-9][0-9,]* +[1-9][0-9,]*");
        assertThat(output).contains("ack latency p99 ms");
        assertThat(output).doesNotContain("rejected +[1-9]");
    }

    private int run(String... args) {
        return SimulateCommand.run(args, out, ENV, Clock.systemDefaultZone());
    }

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
