package io.vigil.server;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.message.auth.Mqtt5SimpleAuth;
import com.hivemq.client.mqtt.mqtt5.message.auth.Mqtt5SimpleAuthBuilder;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.exceptions.MqttClientStateException;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAck;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAck;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** A device speaking MQTT 5 to the embedded broker through the real HiveMQ client. */
public final class MqttDevice implements AutoCloseable {

    /** A PUBACK: its reason code (0x00 success, 0x10 no subscribers, 0x87, 0x99 …) and reason string. */
    public record PubAck(int code, String reason) {
        public boolean success() {
            return code < 0x80;
        }
    }

    private final Mqtt5BlockingClient client;
    private final String deviceId;
    private final Mqtt5ConnAck connAck;

    private MqttDevice(Mqtt5BlockingClient client, String deviceId, Mqtt5ConnAck connAck) {
        this.client = client;
        this.deviceId = deviceId;
        this.connAck = connAck;
    }

    public static MqttDevice connect(int port, String deviceId, String secret) {
        Mqtt5BlockingClient client = MqttClient.builder().useMqttVersion5()
                .identifier(deviceId + "-" + UUID.randomUUID().toString().substring(0, 6))
                .serverHost("127.0.0.1").serverPort(port)
                .simpleAuth().username(deviceId).password(secret.getBytes(StandardCharsets.UTF_8)).applySimpleAuth()
                .buildBlocking();
        Mqtt5ConnAck connAck = client.connect();
        return new MqttDevice(client, deviceId, connAck);
    }

    /** An MQTT 3.1.1 device, connected (user name = device id, password = secret). */
    public static Mqtt3BlockingClient connect311(int port, String deviceId, String secret) {
        Mqtt3BlockingClient client = MqttClient.builder().useMqttVersion3().identifier(deviceId + "-v3")
                .serverHost("127.0.0.1").serverPort(port)
                .simpleAuth().username(deviceId).password(secret.getBytes(StandardCharsets.UTF_8)).applySimpleAuth()
                .buildBlocking();
        client.connect();
        return client;
    }

    /** The largest packet the broker accepts, as its CONNACK announced. */
    public int maximumPacketSize() {
        return connAck.getRestrictions().getMaximumPacketSize();
    }

    /** Subscribes at QoS 1 and returns the SUBACK reason code (0x01 granted, 0x87 not authorized …). */
    public int subscribe(String filter) {
        try {
            Mqtt5SubAck ack = client.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).send();
            return ack.getReasonCodes().getFirst().getCode();
        } catch (Mqtt5SubAckException e) {
            return e.getMqttMessage().getReasonCodes().getFirst().getCode();
        }
    }

    /** What arrives on this device's subscriptions; open it before subscribing. */
    public Mqtt5BlockingClient.Mqtt5Publishes received() {
        return client.publishes(MqttGlobalPublishFilter.SUBSCRIBED);
    }

    /**
     * Connects over TLS. {@code userName} and {@code secret} may be null (a device authenticated by its client
     * certificate); {@code deviceId} names the device whose topics {@link #publishMeasurements} uses.
     */
    public static MqttDevice connectTls(int port, MqttClientSslConfig tls, String deviceId, String userName, String secret) {
        Mqtt5ClientBuilder builder = MqttClient.builder().useMqttVersion5()
                .identifier(deviceId + "-" + UUID.randomUUID().toString().substring(0, 6))
                .serverHost("localhost").serverPort(port).sslConfig(tls);
        if (userName != null || secret != null) {
            Mqtt5SimpleAuthBuilder.Complete auth = userName != null ? Mqtt5SimpleAuth.builder().username(userName)
                    : Mqtt5SimpleAuth.builder().password(secret.getBytes(StandardCharsets.UTF_8));
            if (userName != null && secret != null) {
                auth = auth.password(secret.getBytes(StandardCharsets.UTF_8));
            }
            builder = builder.simpleAuth(auth.build());
        }
        Mqtt5BlockingClient client = builder.buildBlocking();
        Mqtt5ConnAck connAck = client.connect();
        return new MqttDevice(client, deviceId, connAck);
    }

    public PubAck publishMeasurements(String json) {
        return publish("vigil/v1/devices/" + deviceId + "/measurements", json);
    }

    public PubAck publish(String topic, String payload) {
        return publish(topic, payload.getBytes(StandardCharsets.UTF_8));
    }

    /** QoS 1 with a binary payload (e.g. a raw GATT characteristic value). */
    public PubAck publish(String topic, byte[] payload) {
        Mqtt5Publish publish = Mqtt5Publish.builder().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(payload).build();
        try {
            Mqtt5PublishResult result = client.publish(publish);
            if (result.getError().isPresent() && result.getError().get() instanceof Mqtt5PubAckException e) {
                return of(e.getMqttMessage());
            }
            return of(((Mqtt5PublishResult.Mqtt5Qos1Result) result).getPubAck());
        } catch (Mqtt5PubAckException e) {
            return of(e.getMqttMessage());
        }
    }

    /** QoS 0: no acknowledgement to wait for. */
    public void publishAtMostOnce(String topic, String payload) {
        client.publish(Mqtt5Publish.builder().topic(topic).qos(MqttQos.AT_MOST_ONCE)
                .payload(payload.getBytes(StandardCharsets.UTF_8)).build());
    }

    private static PubAck of(Mqtt5PubAck ack) {
        return new PubAck(ack.getReasonCode().getCode(), ack.getReasonString().map(Object::toString).orElse(""));
    }

    /** Whether the connection is still open (the broker may close it, e.g. when the device is revoked). */
    public boolean connected() {
        return client.getState().isConnected();
    }

    @Override
    public void close() {
        try {
            client.disconnect();
        } catch (MqttClientStateException alreadyDisconnected) {
            // the broker may close the connection after a refusal (e.g. 0x87): nothing left to close
        }
    }
}
