package io.vigil.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttUtf8String;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAck;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import java.lang.reflect.Proxy;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MqttDeviceLinkTest {

    @Test
    void reason_payloadFormatInvalidWithVigilCode_keepsCodeAndVigilCodeOnly() {
        Mqtt5PubAck pubAck = pubAck(Mqtt5PubAckReasonCode.PAYLOAD_FORMAT_INVALID,
                "VIGIL-1004 values.heart-rate: 900 /min is outside the plausible range 20..300");

        assertThat(MqttDeviceLink.reason(pubAck)).isEqualTo("0x99 PAYLOAD_FORMAT_INVALID VIGIL-1004");
    }

    @Test
    void reason_notAuthorizedWithoutReasonString_isTheReasonCode() {
        Mqtt5PubAck pubAck = pubAck(Mqtt5PubAckReasonCode.NOT_AUTHORIZED, null);

        assertThat(MqttDeviceLink.reason(pubAck)).isEqualTo("0x87 NOT_AUTHORIZED");
    }

    /** PUBACKs are built only by the client's decoder; a proxy stands in for one. */
    private static Mqtt5PubAck pubAck(Mqtt5PubAckReasonCode code, String reasonString) {
        return (Mqtt5PubAck) Proxy.newProxyInstance(Mqtt5PubAck.class.getClassLoader(),
                new Class<?>[] {Mqtt5PubAck.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getReasonCode" -> code;
                    case "getReasonString" -> Optional.ofNullable(reasonString).map(MqttUtf8String::of);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
