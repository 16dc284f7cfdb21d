package io.vigil.server.mqtt;

import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundInput;
import java.util.Optional;

/**
 * The device-facing topic tree: {@code vigil/v1/devices/{deviceId}/{kind}[/{detail}]}. A device may publish only
 * under its own id and subscribe only to its own {@code errors} and {@code commands}.
 *
 * @param detail what follows the kind (the characteristic UUID of {@code ble/2A35}), or null
 */
record DeviceTopics(String deviceId, String kind, String detail) {
    static final String PREFIX = "vigil/v1/devices/";
    static final String MEASUREMENTS = "measurements";
    /** Load-test topic: the broker acknowledges it without decoding or storing (the raw-broker baseline). */
    static final String BASELINE = "baseline";
    /** Raw Bluetooth GATT characteristic values: {@code ble/{characteristic uuid}}. */
    static final String BLE = "ble";
    /** Vendor JSON through a mapping template: {@code raw/{template name}}. */
    static final String RAW = "raw";
    /** Device events (medication dispensers: dose taken, jam, command-ack …), JSON. */
    static final String EVENTS = "events";
    /** Sampled signals: {@code waveform/{signal}} (binary frame; {@code waveform/{signal}/json} for the JSON form). */
    static final String WAVEFORM = "waveform";

    /**
     * The topic of an inbound publish when the device that sent it is the device the topic names. HiveMQ calls
     * inbound interceptors before the publish authorizer: a message on another device's topic must pass through
     * untouched, so that the authorizer refuses (and audits) it — never stored as that device's.
     */
    static Optional<DeviceTopics> ofOwnPublish(PublishInboundInput input) {
        String sender = input.getConnectionInformation().getConnectionAttributeStore()
                .getAsString(DeviceAuthenticator.DEVICE_ATTRIBUTE).orElse(null);
        return parse(input.getPublishPacket().getTopic()).filter(t -> t.deviceId().equals(sender));
    }

    /** Parses a concrete topic; empty when it is not a device topic. */
    static Optional<DeviceTopics> parse(String topic) {
        if (topic == null || !topic.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String rest = topic.substring(PREFIX.length());
        int slash = rest.indexOf('/');
        if (slash <= 0 || slash == rest.length() - 1) {
            return Optional.empty();
        }
        String kind = rest.substring(slash + 1);
        int next = kind.indexOf('/');
        return Optional.of(new DeviceTopics(rest.substring(0, slash), next < 0 ? kind : kind.substring(0, next),
                next < 0 || next == kind.length() - 1 ? null : kind.substring(next + 1)));
    }

    static String errors(String deviceId) {
        return PREFIX + deviceId + "/errors";
    }

    static String commands(String deviceId) {
        return PREFIX + deviceId + "/commands";
    }
}
