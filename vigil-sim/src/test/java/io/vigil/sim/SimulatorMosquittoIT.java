package io.vigil.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient.Mqtt5Publishes;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The simulator publishing over MQTT 5 with QoS 1 to a real broker (the local Mosquitto, which accepts any
 * credentials and answers PUBACK 0x10 "no matching subscribers" when nobody listens — a success).
 */
class SimulatorMosquittoIT {

    private final Clock clock = Clock.systemUTC();

    @Test
    void loadRun_publishesDeviceJson_andCountsPubacks() throws Exception {
        assumeTrue(MosquittoBroker.reachable(), "no MQTT broker on 127.0.0.1:1883");
        List<SimulatedDevice> devices = devices("it-load", 3);
        Mqtt5BlockingClient listener = MqttClient.builder().useMqttVersion5().identifier("it-listener-" + System.nanoTime())
                .serverHost("127.0.0.1").serverPort(1883).buildBlocking();
        listener.connect();
        try (Mqtt5Publishes publishes = listener.publishes(MqttGlobalPublishFilter.ALL)) {
            listener.subscribeWith().topicFilter("vigil/v1/devices/" + devices.getFirst().deviceId() + "/#").send();
            SimulatorOptions options = SimulatorOptions.mqtt(MosquittoBroker.URI).withLoad(300).withMaxInFlight(8);

            try (Simulator simulator = new Simulator(options, clock)) {
                simulator.start(devices);
                Optional<Mqtt5Publish> received = publishes.receive(5, TimeUnit.SECONDS);
                Thread.sleep(1000);
                simulator.close();
                SimulatorStats stats = simulator.stats();

                assertThat(received).isPresent();
                assertThat(received.get().getTopic().toString())
                        .isEqualTo("vigil/v1/devices/" + devices.getFirst().deviceId() + "/measurements");
                JsonNode message = new ObjectMapper().readTree(received.get().getPayloadAsBytes());
                assertThat(message.get("id").asText()).startsWith(devices.getFirst().deviceId() + "-");
                assertThat(message.get("values").has("heart-rate")).isTrue();
                assertThat(stats.readingsSent()).isPositive();
                assertThat(stats.readingsAcked()).isEqualTo(stats.readingsSent());
                assertThat(stats.rejectedByReason()).isEmpty();
                assertThat(stats.latency().count()).isEqualTo(stats.messagesSent());
            }
        } finally {
            listener.disconnect();
        }
    }

    @Test
    void baselineTopic_isPublishedBelowTheDevice() throws Exception {
        assumeTrue(MosquittoBroker.reachable(), "no MQTT broker on 127.0.0.1:1883");
        List<SimulatedDevice> devices = devices("it-base", 1);
        Mqtt5BlockingClient listener = MqttClient.builder().useMqttVersion5().identifier("it-listener-" + System.nanoTime())
                .serverHost("127.0.0.1").serverPort(1883).buildBlocking();
        listener.connect();
        try (Mqtt5Publishes publishes = listener.publishes(MqttGlobalPublishFilter.ALL)) {
            listener.subscribeWith().topicFilter("vigil/v1/devices/" + devices.getFirst().deviceId() + "/#").send();
            SimulatorOptions options = SimulatorOptions.mqtt(MosquittoBroker.URI).withLoad(100)
                    .withTopic(IngestTopic.BASELINE);
            try (Simulator simulator = new Simulator(options, clock)) {
                simulator.start(devices);
                Optional<Mqtt5Publish> received = publishes.receive(5, TimeUnit.SECONDS);

                assertThat(received).isPresent();
                assertThat(received.get().getTopic().toString()).endsWith("/baseline");
            }
        } finally {
            listener.disconnect();
        }
    }

    @Test
    void start_brokerUnreachable_throwsNamingTheBroker() {
        SimulatorOptions options = SimulatorOptions.mqtt(URI.create("mqtt://127.0.0.1:1"));
        Simulator simulator = new Simulator(options, clock);

        assertThatThrownBy(() -> simulator.start(devices("it-down", 1)))
                .isInstanceOf(SimulatorException.class)
                .hasMessageContaining("cannot reach the MQTT broker at mqtt://127.0.0.1:1");
        simulator.close();
    }

    private List<SimulatedDevice> devices(String prefix, int count) {
        String run = prefix + "-" + Long.toString(System.nanoTime(), 36);
        return IntStream.range(0, count)
                .mapToObj(i -> new SimulatedDevice(run + "-" + i, "secret", DeviceKind.BEDSIDE_MONITOR,
                        PatientPhysiology.random(i, Scenario.STABLE, clock)))
                .toList();
    }
}
