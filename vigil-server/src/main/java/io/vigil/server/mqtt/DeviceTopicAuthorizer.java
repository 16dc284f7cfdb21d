package io.vigil.server.mqtt;

import com.hivemq.extension.sdk.api.auth.PublishAuthorizer;
import com.hivemq.extension.sdk.api.auth.SubscriptionAuthorizer;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerOutput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerOutput;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import com.hivemq.extension.sdk.api.packets.subscribe.SubackReasonCode;
import com.hivemq.extension.sdk.api.client.parameter.ConnectionInformation;
import io.vigil.server.api.ApiErrors;
import io.vigil.server.audit.AuditEvent;
import io.vigil.server.audit.AuditTrail;
import io.vigil.server.ingest.IngestRequest;
import io.vigil.server.ingest.IngestService;
import io.vigil.server.ingest.Transport;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Clock;

/**
 * Topic permissions: a device publishes only under {@code vigil/v1/devices/<its id>/} and subscribes only to
 * its own errors and commands topics. A refused publish is kept as a dead letter and answered (by HiveMQ's rules)
 * with PUBACK 0x87 then DISCONNECT 0x87 for MQTT 5, by closing the connection for MQTT 3.1.1; a refused
 * subscription gets SUBACK 0x87 (0x80 for MQTT 3.1.1) and the connection stays. Both are audited ({@code mqtt.publish.denied}, {@code mqtt.subscribe.denied}) with the
 * device as actor and the topic as resource — never the payload.
 */
final class DeviceTopicAuthorizer implements PublishAuthorizer, SubscriptionAuthorizer {
    private static final int MAX_TOPIC = 100;

    private final IngestService ingest;
    private final AuditTrail audit;
    private final Clock clock;

    DeviceTopicAuthorizer(IngestService ingest, AuditTrail audit, Clock clock) {
        this.ingest = ingest;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public void authorizePublish(PublishAuthorizerInput input, PublishAuthorizerOutput output) {
        String deviceId = input.getConnectionInformation().getConnectionAttributeStore()
                .getAsString(DeviceAuthenticator.DEVICE_ATTRIBUTE).orElse(null);
        String topic = input.getPublishPacket().getTopic();
        boolean own = deviceId != null && (DeviceTopics.parse(topic).map(t -> t.deviceId().equals(deviceId)).orElse(false)
                || deviceId.equals(ReaderInterceptor.readerOf(topic)));
        if (own) {
            output.authorizeSuccessfully();
            return;
        }
        byte[] payload = input.getPublishPacket().getPayload().map(DeviceTopicAuthorizer::bytes).orElse(new byte[0]);
        String reason = "A device may publish only under vigil/v1/devices/<its own id>/ (a reader also to"
                + " vigil/v1/readers/<its own id>/reads)";
        ingest.refuse(new IngestRequest(deviceId, Transport.MQTT, topic, payload, clock.instant()),
                ApiErrors.TOPIC_NOT_ALLOWED, reason);
        denied("mqtt.publish.denied", deviceId, topic, address(input.getConnectionInformation()), "MQTT PUBLISH");
        output.failAuthorization(AckReasonCode.NOT_AUTHORIZED, ApiErrors.TOPIC_NOT_ALLOWED + " " + reason);
    }

    @Override
    public void authorizeSubscribe(SubscriptionAuthorizerInput input, SubscriptionAuthorizerOutput output) {
        String deviceId = input.getConnectionInformation().getConnectionAttributeStore()
                .getAsString(DeviceAuthenticator.DEVICE_ATTRIBUTE).orElse(null);
        String filter = input.getSubscription().getTopicFilter();
        if (deviceId != null && (filter.equals(DeviceTopics.errors(deviceId)) || filter.equals(DeviceTopics.commands(deviceId)))) {
            output.authorizeSuccessfully();
        } else {
            denied("mqtt.subscribe.denied", deviceId, filter, address(input.getConnectionInformation()), "MQTT SUBSCRIBE");
            output.failAuthorization(SubackReasonCode.NOT_AUTHORIZED,
                    "A device may subscribe only to its own errors and commands topics");
        }
    }

    private void denied(String action, String deviceId, String topic, String address, String request) {
        String device = deviceId == null ? "-" : deviceId.length() > 64 ? deviceId.substring(0, 64) : deviceId;
        String resource = topic.length() > MAX_TOPIC ? topic.substring(0, MAX_TOPIC) : topic;
        audit.record(new AuditEvent(clock.instant(), "device:" + device, "device", action, "topic", resource, null,
                AuditEvent.Outcome.DENIED, address, request));
    }

    private static String address(ConnectionInformation connection) {
        return connection.getInetAddress().map(InetAddress::getHostAddress).orElse(null);
    }

    static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }
}
