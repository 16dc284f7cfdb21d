package io.vigil.server.mqtt;

import com.hivemq.extension.sdk.api.async.Async;
import com.hivemq.extension.sdk.api.async.TimeoutFallback;
import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundInput;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;
import com.hivemq.extension.sdk.api.packets.general.MqttVersion;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import io.vigil.server.api.ApiErrors;
import io.vigil.server.ingest.IngestRequest;
import io.vigil.server.ingest.IngestResult;
import io.vigil.server.ingest.Transport;
import io.vigil.server.medication.DispenserEvents;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Device events: {@code vigil/v1/devices/{id}/events} (dispenser events, JSON). Stored before the PUBACK; a payload
 * refused as a whole answers MQTT 5 clients with PUBACK 0x99 and the code, and every client with an error event on
 * its {@code errors} topic. Like measurements, a message on another device's topic is left to the authorizer.
 */
final class DeviceEventInterceptor implements PublishInboundInterceptor {
    private static final ExecutorService WORKERS = Executors.newVirtualThreadPerTaskExecutor();

    private final DispenserEvents events;
    private final DeviceErrorEvents errors;
    private final Clock clock;
    private final Duration ackTimeout;

    DeviceEventInterceptor(DispenserEvents events, DeviceErrorEvents errors, Clock clock, Duration ackTimeout) {
        this.events = events;
        this.errors = errors;
        this.clock = clock;
        this.ackTimeout = ackTimeout;
    }

    /** Whether the topic is a device's events topic (exactly {@code …/{id}/events}). */
    static boolean handles(DeviceTopics topic) {
        return DeviceTopics.EVENTS.equals(topic.kind()) && topic.detail() == null;
    }

    @Override
    public void onInboundPublish(PublishInboundInput input, PublishInboundOutput output) {
        String topic = input.getPublishPacket().getTopic();
        Optional<DeviceTopics> parsed = DeviceTopics.ofOwnPublish(input);
        if (parsed.isEmpty() || !handles(parsed.get())) {
            return;
        }
        byte[] payload = input.getPublishPacket().getPayload().map(DeviceTopicAuthorizer::bytes).orElse(new byte[0]);
        boolean mqtt5 = input.getConnectionInformation().getMqttVersion() == MqttVersion.V_5;
        IngestRequest request = new IngestRequest(parsed.get().deviceId(), Transport.MQTT, topic, payload, clock.instant());
        Async<PublishInboundOutput> async = output.async(ackTimeout, TimeoutFallback.FAILURE,
                AckReasonCode.IMPLEMENTATION_SPECIFIC_ERROR, ApiErrors.INGEST_UNAVAILABLE + " events timed out; retry");
        CompletableFuture.supplyAsync(() -> events.accept(request), WORKERS).whenComplete((result, failure) -> {
            try {
                if (failure != null) {
                    output.preventPublishDelivery(AckReasonCode.IMPLEMENTATION_SPECIFIC_ERROR,
                            ApiErrors.INGEST_UNAVAILABLE + " The events could not be stored now; retry");
                } else if (result instanceof IngestResult.Rejected rejected) {
                    if (mqtt5) {
                        output.preventPublishDelivery(AckReasonCode.PAYLOAD_FORMAT_INVALID, rejected.code() + " "
                                + rejected.reason() + (rejected.field() == null ? "" : " (" + rejected.field() + ")"));
                    } else {
                        output.preventPublishDelivery();
                    }
                    errors.publish(topic, rejected);
                }
            } finally {
                async.resume();
            }
        });
    }
}
