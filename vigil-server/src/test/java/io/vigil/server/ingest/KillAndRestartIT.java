package io.vigil.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import io.vigil.server.Databases;
import io.vigil.server.WardFixture;
import io.vigil.server.launch.FreePorts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The durability contract: a PUBACK means stored. Devices publish QoS 1 as fast as they can, Vigil is killed
 * with SIGKILL mid-stream, restarted on the same data, and every acknowledged message must be there.
 */
class KillAndRestartIT {
    private static final int DEVICES = 4;
    private static final int IN_FLIGHT_PER_DEVICE = 16;

    @Test
    void everyAcknowledgedReading_survivesKillMinus9_onH2() throws Exception {
        Path dataDir = Databases.tempDataDir();
        String h2 = "jdbc:h2:file:" + dataDir.resolve("db/vigil");
        Set<String> acked = publishAndKill(dataDir, Map.of());
        assertThat(storedMessageIds(h2 + ";WRITE_DELAY=0", "sa")).containsAll(acked);
    }

    @Test
    void everyAcknowledgedReading_survivesKillMinus9_onPostgres() throws Exception {
        Databases.requirePostgres();
        String url = Databases.freshPostgresDatabase();
        Set<String> acked = publishAndKill(Databases.tempDataDir(), Map.of("VIGIL_DB_URL", url,
                "VIGIL_DB_USER", Databases.POSTGRES_USER, "VIGIL_DB_PASSWORD", ""));
        assertThat(storedMessageIds(url, Databases.POSTGRES_USER)).containsAll(acked);
    }

    private Set<String> publishAndKill(Path dataDir, Map<String, String> env) throws Exception {
        int http = FreePorts.any("127.0.0.1");
        int mqtt = FreePorts.any("127.0.0.1");
        Set<String> acked = ConcurrentHashMap.newKeySet();
        VigilProcess vigil = VigilProcess.startDemo(dataDir, http, mqtt, WardFixture.PASSWORD, env);
        WardFixture ward = new WardFixture(http);
        String patient = ward.patient("ward-a");
        List<Mqtt5AsyncClient> clients = new ArrayList<>();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> publishers = new ArrayList<>();
        for (int d = 0; d < DEVICES; d++) {
            String deviceId = "durable-" + d;
            String secret = ward.device(deviceId, "vital-signs-monitor");
            ward.assign(deviceId, patient, Instant.now().minusSeconds(3600), null);
            Mqtt5AsyncClient client = MqttClient.builder().useMqttVersion5().identifier(deviceId)
                    .serverHost("127.0.0.1").serverPort(mqtt)
                    .simpleAuth().username(deviceId).password(secret.getBytes(StandardCharsets.UTF_8)).applySimpleAuth()
                    .buildAsync();
            client.connect().get(10, TimeUnit.SECONDS);
            clients.add(client);
            publishers.add(Thread.ofPlatform().start(() -> publish(client, deviceId, running, acked)));
        }
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (acked.size() < 2_000 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        vigil.kill();
        running.set(false);
        for (Thread publisher : publishers) {
            publisher.join(30_000);
        }
        int ackedAtKill = acked.size();
        // Restart on the same data: it must come up, and everything acknowledged must be there.
        try (VigilProcess restarted = VigilProcess.startDemo(dataDir, http, mqtt, WardFixture.PASSWORD, env)) {
            assertThat(new WardFixture(http).admin().get("/api/v1/patients/" + patient).status()).isEqualTo(200);
        }
        assertThat(ackedAtKill).as("acknowledged before the kill").isGreaterThanOrEqualTo(100);
        return new HashSet<>(acked);
    }

    private static void publish(Mqtt5AsyncClient client, String deviceId, AtomicBoolean running, Set<String> acked) {
        Semaphore inFlight = new Semaphore(IN_FLIGHT_PER_DEVICE);
        AtomicInteger sequence = new AtomicInteger();
        while (running.get()) {
            try {
                if (!inFlight.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    continue;
                }
            } catch (InterruptedException e) {
                return;
            }
            String id = deviceId + "-" + sequence.incrementAndGet();
            byte[] payload = ("{\"id\": \"" + id + "\", \"values\": {\"heart-rate\": 70, \"spo2\": 97}}")
                    .getBytes(StandardCharsets.UTF_8);
            client.publishWith().topic("vigil/v1/devices/" + deviceId + "/measurements").qos(MqttQos.AT_LEAST_ONCE)
                    .payload(payload).send()
                    .whenComplete((Mqtt5PublishResult result, Throwable failure) -> {
                        if (failure == null && result.getError().isEmpty()) {
                            acked.add(deviceId + "\u0000" + id);
                        }
                        inFlight.release();
                    });
        }
    }

    private static Set<String> storedMessageIds(String url, String user) throws Exception {
        Set<String> stored = new HashSet<>();
        try (Connection connection = DriverManager.getConnection(url, user, "");
             Statement sql = connection.createStatement();
             ResultSet rows = sql.executeQuery("SELECT device_id, message_id FROM observation WHERE message_id IS NOT NULL")) {
            while (rows.next()) {
                stored.add(rows.getString(1) + "\u0000" + rows.getString(2));
            }
        }
        return stored;
    }
}
