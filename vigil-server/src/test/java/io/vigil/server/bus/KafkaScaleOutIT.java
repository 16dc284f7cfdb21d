package io.vigil.server.bus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.server.Databases;
import io.vigil.server.MqttDevice;
import io.vigil.server.VigilClient;
import io.vigil.server.WardFixture;
import io.vigil.server.web.EventStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Scale-out on Kafka end to end: a real KRaft broker in this JVM, two Vigil nodes sharing one PostgreSQL database,
 * bedside monitors connected over MQTT to either node. Under load one node is shut down; its devices reconnect to
 * the other and resend what was not acknowledged. Every reading must be stored once and every patient's one
 * heart-rate crossing must raise exactly one alert — seen on the surviving node's alert stream whichever node
 * raised it. Then a third node re-analyses the whole topic from the start (a consumer group of its own, as a node
 * that took over uncommitted partitions would): nothing is raised twice.
 */
class KafkaScaleOutIT {
    private static final int PATIENTS = 12;
    private static final int READINGS = 60;
    private static final int HIGH_AT = 30;
    private static final Duration WAIT = Duration.ofMinutes(3);

    private static EmbeddedKafkaKraftBroker kafka;
    private static String databaseUrl;

    @BeforeAll
    static void brokerAndDatabase() {
        Databases.requirePostgres();
        kafka = new EmbeddedKafkaKraftBroker(1, 6);
        kafka.afterPropertiesSet();
        databaseUrl = Databases.freshPostgresDatabase();
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.destroy();
        }
    }

    @Test
    void nodeStopsUnderLoad_everyReadingStoredOnce_everyAlertRaisedOnce() throws Exception {
        String servers = kafka.getBrokersAsString();
        try (VigilNode a = VigilNode.start("a", 1, servers, databaseUrl);
             VigilNode b = VigilNode.start("b", 2, servers, databaseUrl)) {
            await("both nodes analyse some partitions", () -> a.meter("vigil.bus.partitions.owned") > 0
                    && b.meter("vigil.bus.partitions.owned") > 0);
            WardFixture ward = new WardFixture(a.httpPort());
            List<WardFixture.Bedside> beds = new ArrayList<>();
            for (int i = 0; i < PATIENTS; i++) {
                beds.add(ward.bedside("ward-a"));
            }

            try (EventStream streamOnB = EventStream.open(b.httpPort(), "/api/v1/alerts/stream", "clinician",
                    WardFixture.PASSWORD)) {
                assertThat(streamOnB.status()).as(streamOnB.body()).isEqualTo(200);
                AtomicInteger acknowledged = new AtomicInteger();
                Instant start = Instant.now().minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS);
                ExecutorService devices = Executors.newFixedThreadPool(PATIENTS);
                List<Future<Integer>> reconnects = new ArrayList<>();
                for (int i = 0; i < PATIENTS; i++) {
                    WardFixture.Bedside bed = beds.get(i);
                    VigilNode first = i % 2 == 0 ? a : b;
                    reconnects.add(devices.submit(() -> monitor(bed, first, b, start, acknowledged)));
                }
                await("a third of the readings acknowledged", () -> acknowledged.get() >= PATIENTS * READINGS / 3);
                a.close(); // under load: its devices move to b and resend what was not acknowledged
                int moved = 0;
                for (Future<Integer> device : reconnects) {
                    moved += device.get();
                }
                devices.shutdown();
                assertThat(acknowledged.get()).isEqualTo(PATIENTS * READINGS);
                assertThat(moved).as("devices that had to move to node b").isPositive();

                await("every patient's crossing raised and cleared", () -> resolvedHeartRateAlerts() == PATIENTS);
                assertStoredOnceAndRaisedOnce(beds);

                Set<String> streamed = ConcurrentHashMap.newKeySet();
                while (streamed.size() < PATIENTS) {
                    JsonNode change = VigilClient.JSON.readTree(streamOnB.next("alert").data());
                    if ("raised".equals(change.get("action").asText())
                            && "heart-rate-high".equals(change.at("/alert/rule").asText())) {
                        assertThat(streamed.add(change.at("/alert/patient").asText())).as("raised once on the stream").isTrue();
                    }
                }
                assertThat(streamed).containsExactlyInAnyOrderElementsOf(beds.stream().map(WardFixture.Bedside::patient).toList());
            }

            try (VigilNode replay = VigilNode.start("c", 3, servers, databaseUrl,
                    "vigil.bus.kafka.group=vigil-analytics-replay")) {
                await("node c re-analysed every reading",
                        () -> replay.meter("vigil.bus.readings.analysed") >= PATIENTS * READINGS);
                assertStoredOnceAndRaisedOnce(beds);
                assertThat(resolvedHeartRateAlerts()).isEqualTo(PATIENTS);
            }
        }
    }

    /**
     * One bedside monitor: READINGS heart rates a second apart, one of them 150/min (heart-rate-high is above 130),
     * each with a message id and awaited PUBACK. When its node goes away it reconnects to {@code fallback} and sends
     * the unacknowledged reading again. Returns 1 if it had to move.
     */
    private static int monitor(WardFixture.Bedside bed, VigilNode first, VigilNode fallback, Instant start,
                               AtomicInteger acknowledged) throws InterruptedException {
        VigilNode node = first;
        MqttDevice device = MqttDevice.connect(node.mqttPort(), bed.deviceId(), bed.secret());
        int moved = 0;
        try {
            for (int i = 0; i < READINGS; i++) {
                String reading = "{\"id\": \"%s-%d\", \"time\": \"%s\", \"values\": {\"heart-rate\": %d}}".formatted(
                        bed.deviceId(), i, start.plusSeconds(i), i == HIGH_AT ? 150 : 72);
                while (true) {
                    MqttDevice.PubAck ack;
                    try {
                        ack = device.publishMeasurements(reading);
                    } catch (RuntimeException connectionLost) {
                        ack = null;
                    }
                    if (ack != null && ack.success()) {
                        acknowledged.incrementAndGet();
                        break;
                    }
                    if (node != fallback && !node.running() || ack == null) {
                        device.close();
                        if (node != fallback) {
                            node = fallback;
                            moved = 1;
                        }
                        device = MqttDevice.connect(node.mqttPort(), bed.deviceId(), bed.secret());
                    } else {
                        Thread.sleep(50); // refused (e.g. the node is shutting down): the same reading again
                    }
                }
                Thread.sleep(20); // a monitor's pace, so the load spans the shutdown
            }
        } finally {
            device.close();
        }
        return moved;
    }

    private static void assertStoredOnceAndRaisedOnce(List<WardFixture.Bedside> beds) throws SQLException {
        Map<String, Integer> stored = new HashMap<>();
        Map<String, Integer> distinct = new HashMap<>();
        Map<String, Integer> raised = new HashMap<>();
        try (Connection db = DriverManager.getConnection(databaseUrl, Databases.POSTGRES_USER, "");
             Statement sql = db.createStatement()) {
            try (ResultSet rs = sql.executeQuery("SELECT patient_id, COUNT(*), COUNT(DISTINCT message_id) FROM observation "
                    + "GROUP BY patient_id")) {
                while (rs.next()) {
                    stored.put(rs.getString(1), rs.getInt(2));
                    distinct.put(rs.getString(1), rs.getInt(3));
                }
            }
            try (ResultSet rs = sql.executeQuery("SELECT patient_id, COUNT(*) FROM alert WHERE rule_id = 'heart-rate-high' "
                    + "GROUP BY patient_id")) {
                while (rs.next()) {
                    raised.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        for (WardFixture.Bedside bed : beds) {
            assertThat(stored.get(bed.patient())).as("readings stored for " + bed.patient()).isEqualTo(READINGS);
            assertThat(distinct.get(bed.patient())).as("distinct readings for " + bed.patient()).isEqualTo(READINGS);
            assertThat(raised.get(bed.patient())).as("heart-rate-high alerts of " + bed.patient()).isEqualTo(1);
        }
    }

    private static int resolvedHeartRateAlerts() throws SQLException {
        try (Connection db = DriverManager.getConnection(databaseUrl, Databases.POSTGRES_USER, "");
             Statement sql = db.createStatement();
             ResultSet rs = sql.executeQuery("SELECT COUNT(*) FROM alert WHERE rule_id = 'heart-rate-high' "
                     + "AND state = 'resolved'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static void await(String what, Check check) throws Exception {
        Instant deadline = Instant.now().plus(WAIT);
        while (!check.holds()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within " + WAIT + ": " + what);
            }
            Thread.sleep(200);
        }
    }
}
