package io.vigil.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import io.vigil.server.MqttDevice;
import io.vigil.server.WardFixture;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/** {@code vigil.mqtt.tls.client-auth=required}: on the TLS listener a device without a certificate cannot connect. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "vigil.mqtt.port=0", "vigil.mqtt.tls.port=0", "vigil.mqtt.tls.client-auth=required",
        "vigil.demo.password=" + WardFixture.PASSWORD, "vigil.demo.enabled=false"})
class DeviceCertificateRequiredIT extends TlsApplication {

    @Test
    void passwordOnly_failsTheHandshake_certificate_connectsAndPublishes() {
        MqttClientSslConfig noCertificate = MqttClientSslConfig.builder().trustManagerFactory(CA.trustManagers()).build();
        Throwable failure = catchThrowable(() -> MqttDevice.connectTls(broker.tlsPort(), noCertificate, bed.deviceId(),
                bed.deviceId(), bed.secret()));
        assertThat(failure).isNotNull().isNotInstanceOf(Mqtt5ConnAckException.class)
                .hasRootCauseInstanceOf(javax.net.ssl.SSLHandshakeException.class);

        MqttClientSslConfig certificate = MqttClientSslConfig.builder().trustManagerFactory(CA.trustManagers())
                .keyManagerFactory(CA.device(bed.deviceId()).keyManagers()).build();
        try (MqttDevice device = MqttDevice.connectTls(broker.tlsPort(), certificate, bed.deviceId(), null, null)) {
            assertThat(device.publishMeasurements("{\"values\": {\"spo2\": 96}}").success()).isTrue();
        }
    }
}
