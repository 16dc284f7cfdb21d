package io.vigil.server.clinical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.server.BedsideContract;
import io.vigil.server.Databases;
import io.vigil.server.MqttDevice;
import io.vigil.server.mqtt.EmbeddedBroker;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Spring's test framework pauses a cached context when another is used (its lifecycle beans stop) and starts it again
 * when a later test class shares it. After such a pause, devices still publish on the same port, readings are stored
 * and NEWS2 still raises its alert — the same as after the first start.
 */
class PausedContextIT extends BedsideContract {

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        Databases.h2(registry);
    }

    @Autowired
    ConfigurableApplicationContext context;

    @Autowired
    EmbeddedBroker broker;

    @Test
    void afterPauseAndRestart_mqttIngestAndNews2AlertsStillWork() {
        int port = broker.port();
        context.pause();
        context.restart();
        assertThat(broker.port()).as("devices keep the broker's port").isEqualTo(port);

        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String json = """
                {"time": "%s", "values": {"respiratory-rate": 28, "spo2": 90, "heart-rate": 128,
                 "body-temperature": 39.4, "blood-pressure": {"systolic": 88, "diastolic": 50},
                 "consciousness": "C", "supplemental-oxygen": 0}}""".formatted(now);
        try (MqttDevice mqtt = MqttDevice.connect(port, deviceId, secret)) {
            assertThat(mqtt.publishMeasurements(json).success()).isTrue();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                clinician.get("/api/v1/alerts?patient=" + patient + "&rule=news2-high").json()).hasSize(1));
    }
}
