package io.vigil.server.mqtt;

import com.hivemq.extension.sdk.api.async.Async;
import com.hivemq.extension.sdk.api.async.TimeoutFallback;
import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundInput;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import io.vigil.server.api.ApiErrors;
import io.vigil.server.zone.ReaderReads;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Tag reads from fixed readers: {@code vigil/v1/readers/{readerId}/reads}, published by the reader's own device
 * connection (user name = reader id, password = its device secret). The reads are placed before the PUBACK; a payload
 * refused as a whole (not JSON, not a registered reader) answers MQTT 5 clients with PUBACK 0x99 and the code.
 */
final class ReaderInterceptor implements PublishInboundInterceptor {
    static final String PREFIX = "vigil/v1/readers/";
    static final String READS = "/reads";
    private static final ExecutorService WORKERS = Executors.newVirtualThreadPerTaskExecutor();

    private final ReaderReads reads;
    private final Clock clock;
    private final Duration ackTimeout;

    ReaderInterceptor(ReaderReads reads, Clock clock, Duration ackTimeout) {
        this.reads = reads;
        this.clock = clock;
        this.ackTimeout = ackTimeout;
    }

    /** The reader id of a reads topic, or null. */
    static String readerOf(String topic) {
        if (topic == null || !topic.startsWith(PREFIX) || !topic.endsWith(READS)) {
            return null;
        }
        String id = topic.substring(PREFIX.length(), topic.length() - READS.length());
        return id.isEmpty() || id.indexOf('/') >= 0 ? null : id;
    }

    @Override
    public void onInboundPublish(PublishInboundInput input, PublishInboundOutput output) {
        String reader = readerOf(input.getPublishPacket().getTopic());
        String sender = input.getConnectionInformation().getConnectionAttributeStore()
                .getAsString(DeviceAuthenticator.DEVICE_ATTRIBUTE).orElse(null);
        if (reader == null || !reader.equals(sender)) {
            return;
        }
        byte[] payload = input.getPublishPacket().getPayload().map(DeviceTopicAuthorizer::bytes).orElse(new byte[0]);
        String address = input.getConnectionInformation().getInetAddress().map(InetAddress::getHostAddress).orElse(null);
        Async<PublishInboundOutput> async = output.async(ackTimeout, TimeoutFallback.FAILURE,
                AckReasonCode.IMPLEMENTATION_SPECIFIC_ERROR, ApiErrors.INGEST_UNAVAILABLE + " reads timed out; retry");
        CompletableFuture.supplyAsync(() -> reads.accept(reader, payload, clock.instant(), address), WORKERS)
                .whenComplete((outcome, failure) -> {
                    try {
                        if (failure != null) {
                            output.preventPublishDelivery(AckReasonCode.IMPLEMENTATION_SPECIFIC_ERROR,
                                    ApiErrors.INGEST_UNAVAILABLE + " The reads could not be placed now; retry");
                        } else if (outcome.accepted() == 0 && !outcome.refused().isEmpty()
                                && outcome.refused().getFirst().index() < 0) {
                            ReaderReads.Refusal refusal = outcome.refused().getFirst();
                            output.preventPublishDelivery(AckReasonCode.PAYLOAD_FORMAT_INVALID,
                                    refusal.code() + " " + refusal.reason());
                        }
                    } finally {
                        async.resume();
                    }
                });
    }
}
