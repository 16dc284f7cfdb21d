package io.vigil.sim;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Plays a {@link TagFloor} against a Vigil over MQTT 5: one connection per reader (user name = reader id, password =
 * its device secret), a step every {@code interval}, each read published with QoS 1 on
 * {@code vigil/v1/readers/{readerId}/reads}.
 */
public final class FloorFeed implements AutoCloseable {
    private final TagFloor floor;
    private final Clock clock;
    private final Map<String, Mqtt5AsyncClient> clients = new HashMap<>();
    private final ScheduledExecutorService steps = Executors.newSingleThreadScheduledExecutor(
            task -> Thread.ofPlatform().name("vigil-sim-floor").daemon().unstarted(task));
    private final AtomicLong published = new AtomicLong();

    public FloorFeed(TagFloor floor, URI broker, Clock clock) {
        this.floor = floor;
        this.clock = clock;
        for (TagFloor.Reader reader : floor.readers()) {
            clients.put(reader.id(), MqttClient.builder().useMqttVersion5().identifier(reader.id() + "-floor")
                    .serverHost(broker.getHost()).serverPort(broker.getPort() > 0 ? broker.getPort() : 1883)
                    .automaticReconnectWithDefaultConfig()
                    .simpleAuth().username(reader.id()).password(reader.secret().getBytes(UTF_8)).applySimpleAuth()
                    .buildAsync());
        }
    }

    /** Connects every reader, then steps the floor every {@code interval}. */
    public void start(Duration interval) {
        clients.values().forEach(c -> c.connect().join());
        steps.scheduleAtFixedRate(this::step, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void step() {
        for (TagFloor.Read read : floor.step(clock.instant())) {
            Mqtt5AsyncClient client = clients.get(read.reader().id());
            client.publishWith().topic("vigil/v1/readers/" + read.reader().id() + "/reads").qos(MqttQos.AT_LEAST_ONCE)
                    .payload(read.json().getBytes(UTF_8)).send()
                    .thenRun(published::incrementAndGet);
        }
    }

    /** Reads acknowledged so far. */
    public long published() {
        return published.get();
    }

    @Override
    public void close() {
        steps.shutdownNow();
        clients.values().forEach(c -> c.disconnect().exceptionally(e -> null));
    }
}
