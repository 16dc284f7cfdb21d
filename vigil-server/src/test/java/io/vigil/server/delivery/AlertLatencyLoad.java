package io.vigil.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.server.BedsideContract;
import io.vigil.server.Databases;
import io.vigil.server.MqttDevice;
import io.vigil.server.VigilClient;
import io.vigil.server.WardFixture;
import io.vigil.server.mqtt.EmbeddedBroker;
import io.vigil.server.web.EventStream;
import io.vigil.sim.SimulateCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A load run, not a test (it asserts no timing): device publish → alert event on the SSE stream, while
 * {@code vigil simulate --load} keeps 100 monitors publishing at {@code VIGIL_ALERT_LOAD} readings/s (e.g. 5000)
 * through the whole pipeline (ingest, limits, NEWS2, alerts). A probe monitor alternately breaches and clears
 * {@code heart-rate-high}; each "raised" event's delay after the breaching publish is one sample. Prints
 * p50/p90/p99/max. Run: {@code VIGIL_ALERT_LOAD=5000 ./mvnw -o verify -pl vigil-server -am -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=AlertLatencyLoad -Dfailsafe.failIfNoSpecifiedTests=false}
 * (see docs/benchmarks.md).
 */
@EnabledIfEnvironmentVariable(named = "VIGIL_ALERT_LOAD", matches = "[0-9]+")
class AlertLatencyLoad extends BedsideContract {
    private static final int PROBES = 120;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        Databases.h2(registry);
        registry.add("vigil.ingest.rate-limit.readings-per-second", () -> "0");
    }

    @Autowired
    EmbeddedBroker broker;

    @Test
    void publishToAlertEvent_underLoad() throws Exception {
        String rate = System.getenv("VIGIL_ALERT_LOAD");
        ByteArrayOutputStream loadReport = new ByteArrayOutputStream();
        Thread load = Thread.ofPlatform().name("load").start(() -> SimulateCommand.run(new String[] {
                "--url", "http://127.0.0.1:" + httpPort, "--mqtt", "mqtt://127.0.0.1:" + broker.port(),
                "--user", "admin", "--password", WardFixture.PASSWORD, "--load", "--rate", rate, "--devices", "100",
                "--in-flight", "8", "--duration", "75s", "--seed", "42", "--unit", "ward-b"},
                new PrintStream(loadReport, true, StandardCharsets.UTF_8)));
        Thread.sleep(10_000); // provisioning and warm-up

        List<Double> millis = new ArrayList<>();
        try (EventStream stream = EventStream.open(httpPort, "/api/v1/alerts/stream?patient=" + patient, "clinician",
                WardFixture.PASSWORD);
             MqttDevice probe = MqttDevice.connect(broker.port(), deviceId, secret)) {
            assertThat(stream.status()).isEqualTo(200);
            for (int i = 0; i < PROBES; i++) {
                long sent = System.nanoTime();
                assertThat(probe.publishMeasurements("{\"values\": {\"heart-rate\": 150}}").success()).isTrue();
                awaitAction(stream, "raised");
                millis.add((System.nanoTime() - sent) / 1e6);
                assertThat(probe.publishMeasurements("{\"values\": {\"heart-rate\": 80}}").success()).isTrue();
                awaitAction(stream, "resolved");
                Thread.sleep(200);
            }
        }
        load.join();
        List<Double> sorted = millis.stream().sorted().toList();
        System.out.printf("alert-latency rate=%s probes=%d p50=%.1f ms p90=%.1f ms p99=%.1f ms max=%.1f ms%n", rate,
                sorted.size(), at(sorted, 50), at(sorted, 90), at(sorted, 99), sorted.getLast());
        System.out.println("load run: " + loadReport.toString(StandardCharsets.UTF_8));
        assertThat(sorted).hasSize(PROBES);
    }

    private static void awaitAction(EventStream stream, String action) throws Exception {
        while (true) {
            JsonNode data = VigilClient.JSON.readTree(stream.next("alert").data());
            if (data.at("/alert/rule").asText().equals("heart-rate-high") && data.get("action").asText().equals(action)) {
                return;
            }
        }
    }

    private static double at(List<Double> sorted, int percentile) {
        return sorted.get(Math.max(0, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1));
    }
}
