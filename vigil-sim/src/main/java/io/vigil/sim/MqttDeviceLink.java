package io.vigil.sim;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.exceptions.ConnectionFailedException;
import com.hivemq.client.mqtt.exceptions.MqttEncodeException;
import com.hivemq.client.mqtt.lifecycle.MqttClientDisconnectedContext;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAck;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A device's own MQTT 5 connection: user name = device id, password = device secret, QoS 1 publishes to
 * {@code vigil/v1/devices/{id}/measurements} (or the baseline topic). After a lost connection it reconnects with
 * backoff; publishes made meanwhile wait in the client. A PUBACK 0x97 (quota exceeded: Vigil saturated, or the device
 * over its rate) is answered by publishing the same message again after the wait its reason string names.
 */
final class MqttDeviceLink implements DeviceLink {

    private static final Pattern VIGIL_CODE = Pattern.compile("VIGIL-\\d{4}");
    private static final Pattern RETRY_AFTER = Pattern.compile("retry after (\\d{1,6}) s");
    private static final int KEEP_ALIVE_SECONDS = 30;
    /** Vigil's code for "the readings could not be stored now; retry" (PUBACK 0x83). */
    private static final String STORAGE_UNAVAILABLE = "VIGIL-1104";

    private final SimulatedDevice device;
    private final URI broker;
    private final String topic;
    private final Mqtt5AsyncClient client;
    private volatile boolean connectedOnce;
    private volatile boolean closing;

    MqttDeviceLink(SimulatedDevice device, URI broker, IngestTopic topic, String runTag) {
        this.device = device;
        this.broker = broker;
        this.topic = topic.topicFor(device.deviceId());
        this.client = MqttClient.builder()
                .useMqttVersion5()
                .identifier(device.deviceId() + "-" + runTag)
                .serverHost(broker.getHost())
                .serverPort(broker.getPort() > 0 ? broker.getPort() : 1883)
                .simpleAuth().username(device.deviceId()).password(device.secret().getBytes(UTF_8)).applySimpleAuth()
                .addDisconnectedListener(this::reconnectAfterLoss)
                .buildAsync();
    }

    @Override
    public CompletableFuture<Void> connect() {
        return client.connectWith().cleanStart(true).keepAlive(KEEP_ALIVE_SECONDS).send()
                .handle((connAck, error) -> {
                    if (error != null) {
                        throw new CompletionException(connectFailure(unwrap(error)));
                    }
                    connectedOnce = true;
                    return null;
                });
    }

    @Override
    public CompletableFuture<Delivery> send(byte[] payload) {
        return client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(payload).send()
                .handle((result, error) -> error == null ? Delivery.ACCEPTED : delivery(unwrap(error)));
    }

    private void reconnectAfterLoss(MqttClientDisconnectedContext context) {
        if (connectedOnce && !closing) {
            long delayMillis = Math.min(5_000, 100L << Math.min(6, context.getReconnector().getAttempts()));
            context.getReconnector().reconnect(true).delay(delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    private Delivery delivery(Throwable error) {
        if (error instanceof Mqtt5PubAckException refused) {
            Mqtt5PubAck pubAck = refused.getMqttMessage();
            if (pubAck.getReasonCode() == Mqtt5PubAckReasonCode.QUOTA_EXCEEDED) {
                return new Delivery.Throttled(reason(pubAck), retryAfterMillis(pubAck));
            }
            if (reason(pubAck).endsWith(STORAGE_UNAVAILABLE)) {
                return new Delivery.Lost(reason(pubAck)); // not stored now: the same message again, with backoff
            }
            return new Delivery.Refused(reason(pubAck));
        }
        if (error instanceof MqttEncodeException) {
            return new Delivery.Refused("payload larger than the broker accepts");
        }
        return new Delivery.Lost(error.getClass().getSimpleName());
    }

    /** The wait a 0x97 PUBACK's reason string asks for ("… retry after 2 s"); one second when it names none. */
    static long retryAfterMillis(Mqtt5PubAck pubAck) {
        Matcher seconds = RETRY_AFTER.matcher(pubAck.getReasonString().map(Object::toString).orElse(""));
        return seconds.find() ? Long.parseLong(seconds.group(1)) * 1000 : 1000;
    }

    /** A low-cardinality reason: the PUBACK reason code, and the Vigil error code if its reason string has one. */
    static String reason(Mqtt5PubAck pubAck) {
        String reason = String.format("0x%02X %s", pubAck.getReasonCode().getCode(), pubAck.getReasonCode());
        String text = pubAck.getReasonString().map(Object::toString).orElse("");
        Matcher code = VIGIL_CODE.matcher(text);
        return code.find() ? reason + " " + code.group() : reason;
    }

    private SimulatorException connectFailure(Throwable error) {
        if (error instanceof Mqtt5ConnAckException refused) {
            return new SimulatorException("the MQTT broker at " + broker + " refused device " + device.deviceId()
                    + ": " + refused.getMqttMessage().getReasonCode()
                    + String.format(" (0x%02X)", refused.getMqttMessage().getReasonCode().getCode()), error);
        }
        if (error instanceof ConnectionFailedException) {
            return new SimulatorException("cannot reach the MQTT broker at " + broker + ": "
                    + (error.getCause() != null ? error.getCause().getMessage() : error.getMessage()), error);
        }
        return new SimulatorException("MQTT connection of device " + device.deviceId() + " to " + broker
                + " failed: " + error, error);
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    @Override
    public void close() {
        closing = true;
        try {
            client.disconnect().get(2, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // Not connected any more, or the broker is gone: nothing left to close.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
