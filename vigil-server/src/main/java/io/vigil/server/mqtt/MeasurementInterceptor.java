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
import io.vigil.server.ingest.IngestService;
import io.vigil.server.ingest.PayloadFormat;
import io.vigil.server.ingest.Transport;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Every device PUBLISH goes through here. Measurements are stored before the PUBACK leaves (the broker holds
 * the acknowledgement while the async output is open). A refusal answers MQTT 5 clients with PUBACK 0x99 (0x97
 * over the device's rate limit or while Vigil is saturated, 0x83 when storage is unavailable) and a reason string;
 * an MQTT 3.1.1 device, which has no PUBACK codes, is disconnected when nothing was stored for a passing reason,
 * so that it resends, and publishes an error event on {@code vigil/v1/devices/{id}/errors} for every client
 * (the only channel MQTT 3.1.1 has).
 */
final class MeasurementInterceptor implements PublishInboundInterceptor {
    private final IngestService ingest;
    private final DeviceErrorEvents errors;
    private final Clock clock;
    private final Duration ackTimeout;

    MeasurementInterceptor(IngestService ingest, DeviceErrorEvents errors, Clock clock, Duration ackTimeout) {
        this.ingest = ingest;
        this.errors = errors;
        this.clock = clock;
        this.ackTimeout = ackTimeout;
    }

    @Override
    public void onInboundPublish(PublishInboundInput input, PublishInboundOutput output) {
        String topic = input.getPublishPacket().getTopic();
        Optional<DeviceTopics> parsed = DeviceTopics.ofOwnPublish(input);
        if (parsed.isEmpty() || DeviceTopics.BASELINE.equals(parsed.get().kind())
                || DeviceEventInterceptor.handles(parsed.get())) {
            return;
        }
        String deviceId = parsed.get().deviceId();
        byte[] payload = input.getPublishPacket().getPayload().map(DeviceTopicAuthorizer::bytes).orElse(new byte[0]);
        boolean mqtt5 = input.getConnectionInformation().getMqttVersion() == MqttVersion.V_5;
        // An unsupported kind goes through the pipeline too: it is refused there, after the rate and size checks.
        PayloadFormat format = formatOf(parsed.get()).orElseGet(() -> new PayloadFormat.Unsupported(
                "Topic kind '" + parsed.get().kind() + "' is not supported yet; publish device JSON to "
                        + DeviceTopics.PREFIX + deviceId + "/" + DeviceTopics.MEASUREMENTS
                        + " or a GATT characteristic value to " + DeviceTopics.PREFIX + deviceId + "/"
                        + DeviceTopics.BLE + "/{characteristic uuid}, or vendor JSON to " + DeviceTopics.PREFIX
                        + deviceId + "/" + DeviceTopics.RAW + "/{template}"));
        IngestRequest request = new IngestRequest(deviceId, Transport.MQTT, topic, payload, clock.instant(), format);
        Async<PublishInboundOutput> async = output.async(ackTimeout, TimeoutFallback.FAILURE,
                AckReasonCode.IMPLEMENTATION_SPECIFIC_ERROR, ApiErrors.INGEST_UNAVAILABLE + " storage timed out; retry");
        ingest.ingest(request).whenComplete((result, failure) -> {
            try {
                if (failure != null) {
                    output.preventPublishDelivery(AckReasonCode.IMPLEMENTATION_SPECIFIC_ERROR,
                            ApiErrors.INGEST_UNAVAILABLE + " The readings could not be stored now; retry");
                } else if (result instanceof IngestResult.Rejected rejected) {
                    refuse(output, mqtt5, rejected);
                }
            } finally {
                async.resume();
            }
        });
    }

    /** The payload format a topic names; empty for kinds Vigil does not take (events have their own interceptor). */
    private static Optional<PayloadFormat> formatOf(DeviceTopics topic) {
        if (DeviceTopics.MEASUREMENTS.equals(topic.kind())) {
            return Optional.of(PayloadFormat.DEVICE_JSON);
        }
        if (DeviceTopics.BLE.equals(topic.kind()) && topic.detail() != null && topic.detail().indexOf('/') < 0) {
            return Optional.of(new PayloadFormat.GattCharacteristic(topic.detail()));
        }
        if (DeviceTopics.RAW.equals(topic.kind()) && topic.detail() != null && topic.detail().indexOf('/') < 0) {
            return Optional.of(new PayloadFormat.VendorJson(topic.detail()));
        }
        if (DeviceTopics.WAVEFORM.equals(topic.kind()) && topic.detail() != null) {
            String detail = topic.detail();
            boolean json = detail.endsWith("/json");
            String signal = json ? detail.substring(0, detail.length() - 5) : detail;
            return signal.indexOf('/') < 0 ? Optional.of(new PayloadFormat.Waveform(signal, json)) : Optional.empty();
        }
        return Optional.empty();
    }

    private void refuse(PublishInboundOutput output, boolean mqtt5, IngestResult.Rejected rejected) {
        AckReasonCode code = switch (rejected.code()) {
            case ApiErrors.INGEST_UNAVAILABLE -> AckReasonCode.IMPLEMENTATION_SPECIFIC_ERROR;
            case ApiErrors.RATE_LIMITED, ApiErrors.SATURATED -> AckReasonCode.QUOTA_EXCEEDED;
            default -> AckReasonCode.PAYLOAD_FORMAT_INVALID;
        };
        String reason = rejected.code() + " " + rejected.reason() + (rejected.field() == null ? "" : " (" + rejected.field() + ")");
        if (mqtt5) {
            output.preventPublishDelivery(code, reason);
        } else if (ApiErrors.SATURATED.equals(rejected.code()) || ApiErrors.INGEST_UNAVAILABLE.equals(rejected.code())) {
            // Nothing was stored: an MQTT 3.1.1 device must not get a PUBACK. A failure code makes the broker close
            // its connection instead; the device publishes the message again once it has reconnected.
            output.preventPublishDelivery(code, reason);
        } else {
            // MQTT 3.1.1 has no PUBACK reason codes; a failure code would make the broker disconnect the device.
            output.preventPublishDelivery();
        }
        errors.publish(output.getPublishPacket().getTopic(), rejected);
    }
}
