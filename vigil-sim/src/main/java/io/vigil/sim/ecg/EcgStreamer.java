package io.vigil.sim.ecg;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import io.vigil.codec.waveform.SampleFormat;
import io.vigil.codec.waveform.WaveformFrame;
import io.vigil.codec.waveform.WaveformFrameEncoder;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One ECG device's MQTT 5 connection (user = device id, password = secret) publishing waveform frames (QoS 1,
 * delta varint) to {@code vigil/v1/devices/{id}/waveform/{signal}}, paced to real time times {@code speed}.
 */
public final class EcgStreamer implements AutoCloseable {
    private final Mqtt5BlockingClient client;
    private final String device;
    private final double speed;
    private Instant origin;
    private long startedNanos;

    public EcgStreamer(URI broker, String device, String secret, double speed) {
        this.device = device;
        this.speed = speed;
        this.client = MqttClient.builder().useMqttVersion5()
                .identifier(device + "-ecg-" + UUID.randomUUID().toString().substring(0, 8))
                .serverHost(broker.getHost()).serverPort(broker.getPort() > 0 ? broker.getPort() : 1883)
                .simpleAuth().username(device).password(secret.getBytes(UTF_8)).applySimpleAuth()
                .buildBlocking();
        client.connectWith().cleanStart(true).send();
    }

    /** Publishes a frame; empty when Vigil acknowledged it, else the refusal. */
    public Optional<String> send(WaveformFrame frame) {
        Mqtt5PublishResult result = client.publishWith()
                .topic("vigil/v1/devices/" + device + "/waveform/" + frame.signal().topicName())
                .qos(MqttQos.AT_LEAST_ONCE).payload(WaveformFrameEncoder.encode(frame, SampleFormat.DELTA_VARINT)).send();
        return result.getError().map(Throwable::getMessage);
    }

    /** Sleeps until the signal time {@code upTo} is due (the first call fixes the origin); speed 0 never waits. */
    public void pace(Instant from, Instant upTo) throws InterruptedException {
        if (origin == null) {
            origin = from;
            startedNanos = System.nanoTime();
        }
        if (speed > 0) {
            long wait = (long) (Duration.between(origin, upTo).toNanos() / speed) - (System.nanoTime() - startedNanos);
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
        }
    }

    @Override
    public void close() {
        if (client.getState().isConnected()) {
            client.disconnect();
        }
    }
}
