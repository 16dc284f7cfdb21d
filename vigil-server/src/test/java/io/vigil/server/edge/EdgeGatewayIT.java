package io.vigil.server.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.server.VigilClient;
import io.vigil.server.WardFixture;
import io.vigil.server.launch.FreePorts;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real upstream Vigil and a real edge Vigil (two contexts, two H2 databases), the edge's uplink through a TCP proxy
 * the test cuts: readings keep being stored and alerts keep being raised at the edge; once the uplink is back every
 * reading reaches the upstream exactly once, with its original time, the alert's reading first, back-fill in order;
 * both sides show the outage as a gap.
 */
class EdgeGatewayIT {
    private static final int READINGS_PER_DEVICE = 120;

    private static EdgePair.Node upstream;
    private static EdgePair.Node edge;
    private static UplinkProxy uplink;

    @BeforeAll
    static void start() throws Exception {
        upstream = EdgePair.upstream();
        uplink = new UplinkProxy(FreePorts.any("127.0.0.1"), upstream.httpPort());
        edge = EdgePair.edge("http://127.0.0.1:" + uplink.port(), Map.of("vigil.edge.batch-size", 40,
                "vigil.edge.recent", "30m"));
        EdgePair.gatewayAccount(upstream);
    }

    @AfterAll
    static void stop() throws Exception {
        if (edge != null) {
            edge.close();
        }
        if (uplink != null) {
            uplink.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    @Test
    void uplinkCutUnderLoad_everyReadingArrivesOnce_alertFirst_andBothSidesShowTheGap() throws Exception {
        WardFixture ward = new WardFixture(upstream.user("admin"));
        String patientA = ward.patient("ward-a");
        String patientB = ward.patient("ward-a");
        String secretA = ward.device("icu-a", "vital-signs-monitor");
        String secretB = ward.device("icu-b", "vital-signs-monitor");
        ward.assign("icu-a", patientA, Instant.now().minus(1, ChronoUnit.DAYS), null);
        ward.assign("icu-b", patientB, Instant.now().minus(1, ChronoUnit.DAYS), null);
        EdgePair.underGateway(upstream, "icu-a");
        EdgePair.underGateway(upstream, "icu-b");

        // The roster reaches the edge: the devices log in there with their upstream secrets, readings are attributed.
        VigilClient deviceA = VigilClient.device(edge.httpPort(), secretA);
        VigilClient deviceB = VigilClient.device(edge.httpPort(), secretB);
        await().atMost(Duration.ofSeconds(30)).until(() -> post(deviceA, "icu-a", "a-0", Instant.now(), 70) == 201);
        assertThat(post(deviceB, "icu-b", "b-0", Instant.now(), 70)).isEqualTo(201);
        assertThat(edge.jdbc().queryForObject("SELECT patient_id FROM observation WHERE message_id = 'a-0' "
                + "AND type_code = 'heart-rate'", String.class)).isEqualTo(patientA);
        await().atMost(Duration.ofSeconds(30)).until(() -> upstreamRows() == 4);

        uplink.cut();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ExecutorService load = Executors.newFixedThreadPool(2);
        List<Future<?>> devices = new ArrayList<>();
        devices.add(load.submit(() -> stream(deviceA, "icu-a", "a", now)));
        devices.add(load.submit(() -> stream(deviceB, "icu-b", "b", now)));
        for (Future<?> device : devices) {
            device.get();
        }
        load.shutdown();
        // An alarming reading during the outage (the latest heart rate): the edge raises the alert itself.
        Instant alarming = Instant.now();
        assertThat(post(deviceB, "icu-b", "b-alarm", alarming, 190)).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).until(() -> openAlerts(edge, patientB, "heart-rate-high") == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> edge.jdbc().queryForObject(
                "SELECT COUNT(*) FROM edge_outbox WHERE lane = 0", Integer.class) == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> edge.jdbc().queryForObject(
                "SELECT COUNT(*) FROM edge_gap WHERE kind = 'uplink-down' AND ends_at IS NULL", Integer.class) == 1);
        int expected = 4 + 2 * READINGS_PER_DEVICE * 2 + 2;
        assertThat(edgeRows()).isEqualTo(expected);
        assertThat(upstreamRows()).as("nothing crosses a cut uplink").isEqualTo(4);
        assertThat(openAlerts(upstream, patientB, "heart-rate-high")).isZero();

        uplink.restore();
        long restored = System.nanoTime();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> upstreamRows() == expected);
        double seconds = (System.nanoTime() - restored) / 1e9;
        // A figure for docs/benchmarks.md, not an assertion.
        System.out.printf("edge back-fill: %d readings in %.2f s after the uplink came back (%.0f readings/s)%n",
                expected - 4, seconds, (expected - 4) / seconds);

        // Exactly once: no (device, message, type) twice — and nothing more arrives on later rounds.
        assertThat(upstream.jdbc().queryForObject("SELECT COUNT(*) FROM (SELECT device_id, message_id, type_code "
                + "FROM observation GROUP BY device_id, message_id, type_code HAVING COUNT(*) > 1) d", Integer.class)).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> edge.jdbc().queryForObject(
                "SELECT COUNT(*) FROM edge_outbox", Integer.class) == 0);
        assertThat(upstreamRows()).isEqualTo(expected);
        // Original times, the upstream's own attribution.
        assertThat(upstream.jdbc().queryForList("SELECT message_id || '/' || type_code || '@' || effective_at "
                + "FROM observation ORDER BY 1", String.class))
                .isEqualTo(edge.jdbc().queryForList("SELECT message_id || '/' || type_code || '@' || effective_at "
                        + "FROM observation ORDER BY 1", String.class));
        assertThat(upstream.jdbc().queryForObject("SELECT COUNT(DISTINCT patient_id) FROM observation WHERE device_id = 'icu-b'",
                Integer.class)).isEqualTo(1);
        // The alert's reading first (ids are in arrival order), then recent readings, then back-fill in time order.
        long alarmId = upstreamId("b-alarm", "heart-rate");
        assertThat(alarmId).isLessThan(upstream.jdbc().queryForObject("SELECT MIN(id) FROM observation "
                + "WHERE message_id LIKE '%-r%' OR message_id LIKE '%-old%'", Long.class));
        assertThat(upstream.jdbc().queryForObject("SELECT MAX(id) FROM observation WHERE message_id LIKE '%-r%'", Long.class))
                .isLessThan(upstream.jdbc().queryForObject("SELECT MIN(id) FROM observation WHERE message_id LIKE '%-old%'",
                        Long.class));
        assertThat(upstream.jdbc().queryForList("SELECT message_id FROM observation WHERE device_id = 'icu-a' "
                + "AND message_id LIKE 'a-old%' AND type_code = 'heart-rate' ORDER BY id", String.class))
                .isEqualTo(upstream.jdbc().queryForList("SELECT message_id FROM observation WHERE device_id = 'icu-a' "
                        + "AND message_id LIKE 'a-old%' AND type_code = 'heart-rate' ORDER BY effective_at", String.class));
        // The upstream derives its own alert from the forwarded reading: one, not one per side.
        await().atMost(Duration.ofSeconds(30)).until(() -> openAlerts(upstream, patientB, "heart-rate-high") == 1);

        // Both sides show the outage as a gap for the patients behind the edge.
        await().atMost(Duration.ofSeconds(30)).until(() -> outages(upstream, patientA).size() == 1);
        JsonNode upstreamGap = outages(upstream, patientA).getFirst();
        JsonNode edgeGap = outages(edge, patientA).getFirst();
        assertThat(upstreamGap.path("endsAt").isNull()).isFalse();
        assertThat(upstreamGap.path("gateway").asText()).isEqualTo(EdgePair.GATEWAY);
        // Held for back-fill: the outage's readings (and any batch whose answer the cut lost, sent again).
        assertThat(upstreamGap.path("readings").asLong()).isBetween((long) expected - 4, (long) expected);
        assertThat(edgeGap.path("startsAt").asText()).isEqualTo(upstreamGap.path("startsAt").asText());
        assertThat(edgeGap.path("endsAt").asText()).isEqualTo(upstreamGap.path("endsAt").asText());
    }

    /** Per device: recent readings (the last minutes) and back-fill (two hours ago), heart rate and SpO2 each. */
    private static void stream(VigilClient device, String deviceId, String prefix, Instant now) {
        for (int i = 0; i < READINGS_PER_DEVICE; i++) {
            boolean backFill = i % 2 == 0;
            Instant time = backFill ? now.minus(2, ChronoUnit.HOURS).plusSeconds(i) : now.minusSeconds(600).plusSeconds(i);
            String id = prefix + (backFill ? "-old" : "-r") + i;
            int status = post(device, deviceId, id, time, 70 + i % 10);
            assertThat(status).as(id).isEqualTo(201);
        }
    }

    private static int post(VigilClient device, String deviceId, String id, Instant time, int heartRate) {
        return device.post("/api/v1/devices/" + deviceId + "/measurements", """
                {"id": "%s", "time": "%s", "values": {"heart-rate": %d, "spo2": 97}}""".formatted(id, time, heartRate),
                "application/json").status();
    }

    private static int upstreamRows() {
        return upstream.jdbc().queryForObject("SELECT COUNT(*) FROM observation", Integer.class);
    }

    private static int edgeRows() {
        return edge.jdbc().queryForObject("SELECT COUNT(*) FROM observation", Integer.class);
    }

    private static long upstreamId(String messageId, String type) {
        return upstream.jdbc().queryForObject("SELECT id FROM observation WHERE message_id = ? AND type_code = ?",
                Long.class, messageId, type);
    }

    private static int openAlerts(EdgePair.Node node, String patient, String rule) {
        VigilClient.Response alerts = node.user("clinician").get("/api/v1/alerts?patient=" + patient + "&rule=" + rule);
        assertThat(alerts.status()).as(alerts.body()).isEqualTo(200);
        int open = 0;
        for (JsonNode alert : alerts.json()) {
            if (!"resolved".equals(alert.path("state").asText())) {
                open++;
            }
        }
        return open;
    }

    private static List<JsonNode> outages(EdgePair.Node node, String patient) {
        VigilClient.Response gaps = node.user("clinician").get("/api/v1/patients/" + patient + "/gaps");
        assertThat(gaps.status()).as(gaps.body()).isEqualTo(200);
        return gaps.where("kind", "uplink-down");
    }
}
