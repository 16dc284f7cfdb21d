package io.vigil.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import io.vigil.server.MqttDevice;
import io.vigil.server.WardFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * HTTPS and MQTT over TLS with certificates this test makes: a CA, a server certificate for localhost, device client
 * certificates (CN = device id), one from a foreign CA and an expired one; real TLS clients (the JDK's HttpClient and
 * SSLSocket, the HiveMQ MQTT client) and a hand-written TLS 1.1 ClientHello.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "vigil.mqtt.port=0", "vigil.mqtt.tls.port=0", "vigil.mqtt.tls.client-auth=optional",
        "vigil.demo.password=" + WardFixture.PASSWORD, "vigil.demo.enabled=false"})
class TransportSecurityIT extends TlsApplication {
    private static final TestPki.Issued FOREIGN_CA = TestPki.authority("Some other CA");
    private static final Duration DISCONNECT_WITHIN = Duration.ofSeconds(5);

    @Autowired
    JdbcTemplate jdbc;

    // ---- HTTPS ----

    @Test
    void https_withTheCaTrusted_answers_withHstsAndSecurityHeaders() throws Exception {
        HttpResponse<String> devices = https.send(get("/api/v1/devices").header("Authorization", basicAdmin()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(devices.statusCode()).as(devices.body()).isEqualTo(200);
        assertThat(devices.sslSession()).hasValueSatisfying(s -> assertThat(s.getProtocol()).isIn("TLSv1.3", "TLSv1.2"));
        assertThat(devices.headers().firstValue("Strict-Transport-Security"))
                .hasValueSatisfying(h -> assertThat(h).contains("max-age=31536000").contains("includeSubDomains"));
        assertThat(devices.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(h -> assertThat(h).contains("default-src 'none'").contains("frame-ancestors 'none'"));
        assertThat(devices.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(devices.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");

        HttpResponse<String> login = https.send(get("/login").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.headers().firstValue("Strict-Transport-Security")).isPresent();
        assertThat(login.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(h -> assertThat(h).contains("script-src 'self'").contains("frame-ancestors 'none'"));
    }

    @Test
    void https_clientNotTrustingTheCa_failsTheHandshake() {
        HttpClient stranger = HttpClient.newHttpClient();
        Throwable failure = catchThrowable(() -> stranger.send(get("/actuator/health").build(), HttpResponse.BodyHandlers.ofString()));
        assertThat(failure).isInstanceOf(SSLException.class);
    }

    @Test
    void plainHttp_toTheHttpsPort_isNotServed() {
        HttpClient plain = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpsPort + "/api/v1/devices"))
                .header("Authorization", basicAdmin()).build();
        Throwable failure = catchThrowable(() -> {
            HttpResponse<String> answer = plain.send(request, HttpResponse.BodyHandlers.ofString());
            // Tomcat answers a plain request on a TLS port with 400 "requires TLS" — never with the application's data.
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
            assertThat(answer.body()).doesNotContain(bed.deviceId());
            throw new IOException("refused with 400");
        });
        assertThat(failure).isInstanceOf(IOException.class);
    }

    @Test
    void tls11_isRefused_onHttpsAndMqtt() throws IOException {
        for (int port : new int[] {httpsPort, broker.tlsPort()}) {
            LegacyClientHello.Answer answer = LegacyClientHello.send("127.0.0.1", port);
            assertThat(answer.recordType()).as("port %d", port).isEqualTo(LegacyClientHello.Answer.ALERT);
            assertThat(answer.alertDescription()).as("port %d", port).isEqualTo(LegacyClientHello.Answer.PROTOCOL_VERSION);
        }
    }

    @Test
    void tls12_forwardSecretAead_accepted_cbcSuite_refused_onHttpsAndMqtt() throws IOException {
        for (int port : new int[] {httpsPort, broker.tlsPort()}) {
            assertThat(handshake(port, "TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256")).isEqualTo("TLSv1.2");
            assertThat(handshake(port, "TLSv1.3", "TLS_AES_256_GCM_SHA384")).isEqualTo("TLSv1.3");
            assertThat(catchThrowable(() -> handshake(port, "TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256")))
                    .as("port %d", port).isInstanceOf(SSLException.class);
        }
    }

    // ---- MQTT over TLS ----

    @Test
    void mqttTls_withPassword_pubackAfterTheReadingIsStored() {
        try (MqttDevice device = MqttDevice.connectTls(broker.tlsPort(), trustingOnly(), bed.deviceId(), bed.deviceId(), bed.secret())) {
            assertThat(device.publishMeasurements(reading("pw-1")).success()).isTrue();
            assertThat(rows(bed.deviceId(), "pw-1")).isEqualTo(1);
        }
    }

    @Test
    void mqttTls_withClientCertificate_noPassword_publishesForItsOwnDevice() {
        try (MqttDevice device = MqttDevice.connectTls(broker.tlsPort(), presenting(CA.device(bed.deviceId())),
                bed.deviceId(), null, null)) {
            assertThat(device.publishMeasurements(reading("cert-1")).success()).isTrue();
            assertThat(rows(bed.deviceId(), "cert-1")).isEqualTo(1);
        }
    }

    @Test
    void mqttTls_certificateForA_publishingToDeviceB_isRefused() {
        String other = registeredDevice();
        try (MqttDevice device = MqttDevice.connectTls(broker.tlsPort(), presenting(CA.device(bed.deviceId())),
                bed.deviceId(), null, null)) {
            MqttDevice.PubAck ack = device.publish("vigil/v1/devices/" + other + "/measurements", reading("x-1"));
            assertThat(ack.code()).isEqualTo(0x87);
        }
        assertThat(rows(other, "x-1")).isZero();
    }

    @Test
    void mqttTls_certificateForA_withUserNameB_isRefused() {
        String other = registeredDevice();
        Mqtt5ConnAckException refused = assertThrows(Mqtt5ConnAckException.class, () -> MqttDevice.connectTls(
                broker.tlsPort(), presenting(CA.device(bed.deviceId())), other, other, null));
        assertThat(refused.getMqttMessage().getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD);
    }

    @Test
    void mqttTls_certificateForAnUnregisteredDevice_isRefused() {
        String unknown = "mon-" + UUID.randomUUID().toString().substring(0, 8);
        Mqtt5ConnAckException refused = assertThrows(Mqtt5ConnAckException.class, () -> MqttDevice.connectTls(
                broker.tlsPort(), presenting(CA.device(unknown)), unknown, null, null));
        assertThat(refused.getMqttMessage().getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD);
    }

    @Test
    void mqttTls_certificateOfARevokedDevice_isDisconnectedAndRefused() {
        try (MqttDevice device = MqttDevice.connectTls(broker.tlsPort(), presenting(CA.device(bed.deviceId())),
                bed.deviceId(), null, null)) {
            assertThat(ward.admin().delete("/api/v1/devices/" + bed.deviceId() + "/secret").status()).isEqualTo(204);
            Awaitility.await().atMost(DISCONNECT_WITHIN).until(() -> !device.connected());
        }
        Mqtt5ConnAckException refused = assertThrows(Mqtt5ConnAckException.class, () -> MqttDevice.connectTls(
                broker.tlsPort(), presenting(CA.device(bed.deviceId())), bed.deviceId(), null, null));
        assertThat(refused.getMqttMessage().getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.NOT_AUTHORIZED);
    }

    @Test
    void mqttTls_certificateFromAForeignCa_failsTheHandshake() {
        Throwable failure = catchThrowable(() -> MqttDevice.connectTls(broker.tlsPort(),
                presenting(FOREIGN_CA.device(bed.deviceId())), bed.deviceId(), null, null));
        assertRefusedByTheServersTls(failure);
        assertThat(rows(bed.deviceId(), null)).isZero();
    }

    @Test
    void mqttTls_expiredCertificate_failsTheHandshake() {
        Instant now = Instant.now();
        TestPki.Issued expired = CA.device(bed.deviceId(), now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(1)));
        Throwable failure = catchThrowable(() -> MqttDevice.connectTls(broker.tlsPort(), presenting(expired),
                bed.deviceId(), null, null));
        assertRefusedByTheServersTls(failure);
    }

    @Test
    void mqttTls_serverCertificateNotTrusted_failsTheHandshake() {
        MqttClientSslConfig trustingForeign = MqttClientSslConfig.builder().trustManagerFactory(FOREIGN_CA.trustManagers()).build();
        Throwable failure = catchThrowable(() -> MqttDevice.connectTls(broker.tlsPort(), trustingForeign,
                bed.deviceId(), bed.deviceId(), bed.secret()));
        assertThat(failure).isNotNull().isNotInstanceOf(Mqtt5ConnAckException.class)
                .hasRootCauseInstanceOf(java.security.cert.CertPathBuilderException.class);
    }

    // ---- helpers ----

    /** The device's certificate was refused in the handshake (fatal alert from the server), before any CONNECT. */
    private static void assertRefusedByTheServersTls(Throwable failure) {
        assertThat(failure).isNotNull().isNotInstanceOf(Mqtt5ConnAckException.class)
                .hasRootCauseInstanceOf(SSLHandshakeException.class);
        assertThat(failure).rootCause().hasMessageContaining("certificate_unknown");
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create(base() + path)).GET();
    }

    private static String basicAdmin() {
        return "Basic " + Base64.getEncoder().encodeToString(("admin:" + WardFixture.PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    private String registeredDevice() {
        String id = "mon-" + UUID.randomUUID().toString().substring(0, 8);
        ward.device(id, "vital-signs-monitor");
        return id;
    }

    private static MqttClientSslConfig trustingOnly() {
        return MqttClientSslConfig.builder().trustManagerFactory(CA.trustManagers()).build();
    }

    private static MqttClientSslConfig presenting(TestPki.Issued deviceCertificate) {
        return MqttClientSslConfig.builder().trustManagerFactory(CA.trustManagers())
                .keyManagerFactory(deviceCertificate.keyManagers()).build();
    }

    private static String reading(String messageId) {
        return "{\"id\": \"" + messageId + "\", \"values\": {\"heart-rate\": 72}}";
    }

    private int rows(String deviceId, String messageId) {
        return messageId == null
                ? jdbc.queryForObject("SELECT count(*) FROM observation WHERE device_id = ?", Integer.class, deviceId)
                : jdbc.queryForObject("SELECT count(*) FROM observation WHERE device_id = ? AND message_id = ?", Integer.class,
                        deviceId, messageId);
    }

    /** A TLS handshake offering one protocol and one cipher suite; returns the negotiated protocol. */
    private static String handshake(int port, String protocol, String suite) throws IOException {
        SSLContext context = CA.clientContext();
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("localhost", port)) {
            socket.setSoTimeout(10_000);
            socket.setEnabledProtocols(new String[] {protocol});
            socket.setEnabledCipherSuites(new String[] {suite});
            socket.startHandshake();
            return socket.getSession().getProtocol();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
