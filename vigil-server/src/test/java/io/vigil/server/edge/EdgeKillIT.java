package io.vigil.server.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.server.Databases;
import io.vigil.server.VigilClient;
import io.vigil.server.VigilProcess;
import io.vigil.server.WardFixture;
import io.vigil.server.launch.FreePorts;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The edge's durability: devices post to an edge process as fast as they can, first with the uplink up, then cut;
 * the edge is killed with SIGKILL mid-stream, restarted on its data, the uplink restored — and every reading the
 * edge acknowledged reaches the upstream, exactly once.
 */
class EdgeKillIT {
    private static final int DEVICES = 3;

    @Test
    void everyAcknowledgedReading_reachesTheUpstreamOnce_throughKillMinus9AndAnOutage() throws Exception {
        try (EdgePair.Node upstream = EdgePair.upstream();
             UplinkProxy uplink = new UplinkProxy(FreePorts.any("127.0.0.1"), upstream.httpPort())) {
            EdgePair.gatewayAccount(upstream);
            WardFixture ward = new WardFixture(upstream.user("admin"));
            String patient = ward.patient("home");
            List<String> secrets = new ArrayList<>();
            for (int d = 0; d < DEVICES; d++) {
                secrets.add(ward.device("home-" + d, "vital-signs-monitor"));
                ward.assign("home-" + d, patient, Instant.now().minus(1, ChronoUnit.DAYS), null);
                EdgePair.underGateway(upstream, "home-" + d);
            }
            Path dataDir = Databases.tempDataDir();
            int http = FreePorts.any("127.0.0.1");
            String upstreamUrl = "http://127.0.0.1:" + uplink.port();
            Map<String, String> env = Map.of("VIGIL_EDGE_FORWARD_EVERY", "200ms", "VIGIL_EDGE_ROSTER_EVERY", "1s",
                    "VIGIL_EDGE_BATCH_SIZE", "50", "VIGIL_INGEST_RATE_LIMIT_READINGS_PER_SECOND", "0");
            Set<String> acked = ConcurrentHashMap.newKeySet();
            VigilProcess edge = edge(dataDir, http, upstreamUrl, env);
            VigilClient first = VigilClient.device(http, secrets.getFirst());
            await().atMost(Duration.ofSeconds(60)).until(() -> first.post("/api/v1/devices/home-0/measurements",
                    "{\"id\": \"home-0-warmup\", \"values\": {\"heart-rate\": 70}}", "application/json").status() == 201);

            AtomicBoolean running = new AtomicBoolean(true);
            List<Thread> devices = new ArrayList<>();
            for (int d = 0; d < DEVICES; d++) {
                String deviceId = "home-" + d;
                VigilClient device = VigilClient.device(http, secrets.get(d));
                devices.add(Thread.ofPlatform().start(() -> stream(device, deviceId, running, acked)));
            }
            await().atMost(Duration.ofSeconds(120)).until(() -> acked.size() >= 150);
            uplink.cut();
            int ackedAtCut = acked.size();
            await().atMost(Duration.ofSeconds(120)).until(() -> acked.size() >= ackedAtCut + 150);
            edge.kill();
            running.set(false);
            for (Thread device : devices) {
                device.join(30_000);
            }
            assertThat(acked).as("acknowledged before the kill").hasSizeGreaterThanOrEqualTo(300);

            try (VigilProcess restarted = edge(dataDir, http, upstreamUrl, env)) {
                uplink.restore();
                await().atMost(Duration.ofSeconds(120)).until(() -> arrived(upstream).containsAll(acked));
            }
            assertThat(upstream.jdbc().queryForObject("SELECT COUNT(*) FROM (SELECT device_id, message_id, type_code "
                    + "FROM observation GROUP BY device_id, message_id, type_code HAVING COUNT(*) > 1) d", Integer.class))
                    .isZero();
            assertThat(upstream.jdbc().queryForObject("SELECT COUNT(DISTINCT patient_id) FROM observation", Integer.class))
                    .isEqualTo(1);
        }
    }

    private static void stream(VigilClient device, String deviceId, AtomicBoolean running, Set<String> acked) {
        AtomicInteger sequence = new AtomicInteger();
        while (running.get()) {
            String id = deviceId + "-" + sequence.incrementAndGet();
            try {
                int status = device.post("/api/v1/devices/" + deviceId + "/measurements",
                        "{\"id\": \"" + id + "\", \"values\": {\"heart-rate\": 72, \"spo2\": 97}}", "application/json").status();
                if (status == 201) {
                    acked.add(deviceId + "/" + id);
                }
            } catch (RuntimeException e) {
                return; // the edge is gone
            }
        }
    }

    /** device/message of every reading the upstream holds with both of its values. */
    private static Set<String> arrived(EdgePair.Node upstream) {
        return Set.copyOf(upstream.jdbc().queryForList("SELECT device_id || '/' || message_id FROM observation "
                + "WHERE message_id IS NOT NULL GROUP BY device_id, message_id HAVING COUNT(*) = 2", String.class));
    }

    /** {@code vigil edge} as its own JVM, as the launcher starts it. */
    private static VigilProcess edge(Path dataDir, int httpPort, String upstreamUrl, Map<String, String> env)
            throws java.io.IOException {
        return VigilProcess.start(List.of("edge", "--upstream", upstreamUrl, "--gateway", EdgePair.GATEWAY,
                "--http-port", Integer.toString(httpPort), "--mqtt-port", "0", "--data-dir", dataDir.toString()),
                Map.of("VIGIL_DEMO_PASSWORD", io.vigil.server.WardFixture.PASSWORD,
                        "VIGIL_EDGE_UPSTREAM_PASSWORD", EdgePair.GATEWAY_PASSWORD), env);
    }
}
