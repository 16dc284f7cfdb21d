package io.vigil.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import io.vigil.server.Databases;
import io.vigil.server.MqttDevice;
import io.vigil.server.VigilClient;
import io.vigil.server.WardFixture;
import io.vigil.server.mqtt.EmbeddedBroker;
import java.net.http.HttpClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@code vigil.mqtt.tls.client-auth=required}: on the TLS listener a device without a certificate cannot connect. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "vigil.mqtt.port=0", "vigil.mqtt.tls.port=0", "vigil.mqtt.tls.client-auth=required",
        "vigil.demo.password=" + WardFixture.PASSWORD, "vigil.demo.enabled=false"})
class DeviceCertificateRequiredIT {
    private static final TestPki.Issued CA = TestPki.authority("Vigil test CA (client-auth required)");

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        Databases.h2(registry);
        TestPki.serverSettings(registry, CA);
    }

    @LocalServerPort
    int httpsPort;
    @Autowired
    EmbeddedBroker broker;

    @Test
    void passwordOnly_failsTheHandshake_certificate_connectsAndPublishes() {
        HttpClient https = HttpClient.newBuilder().sslContext(CA.clientContext()).build();
        WardFixture ward = new WardFixture(VigilClient.user(https, "https://localhost:" + httpsPort, "admin", WardFixture.PASSWORD));
        WardFixture.Bedside bed = ward.bedside("ward-a");

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
