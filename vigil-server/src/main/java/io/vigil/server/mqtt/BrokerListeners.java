package io.vigil.server.mqtt;

import io.vigil.server.VigilProperties;
import io.vigil.server.tls.KeyMaterial;
import io.vigil.server.tls.TlsPolicy;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The broker's listeners as HiveMQ configuration: plain MQTT and/or MQTT over TLS. HiveMQ reads key stores from files
 * only, so the PEM certificate, key and device CA are written as PKCS#12 stores (owner-only) into its config folder.
 *
 * @param plainPort the plain listener's port, or -1 when it is off
 * @param tlsPort   the TLS listener's port, or -1 when it is off
 */
record BrokerListeners(String host, int plainPort, int tlsPort, VigilProperties.MqttTls tls) {

    /** Which listeners to open: plain when asked (default: demo mode only), TLS when Vigil has a certificate. */
    static BrokerListeners choose(VigilProperties properties, int plainPort, int tlsPort) {
        VigilProperties.Mqtt mqtt = properties.mqtt();
        boolean plain = mqtt.plain() != null ? mqtt.plain() : properties.isDemo();
        boolean secure = properties.tls().configured();
        if (!plain && !secure) {
            throw new IllegalStateException("the MQTT broker has no listener: set vigil.tls.certificate (env VIGIL_TLS_CERTIFICATE)"
                    + " for MQTT over TLS, or vigil.mqtt.plain=true for plain MQTT");
        }
        if (secure && mqtt.tls().clientAuth() != VigilProperties.ClientAuth.NONE
                && (mqtt.tls().clientCa() == null || mqtt.tls().clientCa().isBlank())) {
            throw new IllegalStateException("vigil.mqtt.tls.client-auth=" + mqtt.tls().clientAuth().name().toLowerCase(Locale.ROOT)
                    + " needs vigil.mqtt.tls.client-ca (env VIGIL_MQTT_TLS_CLIENT_CA): the CA that signs device certificates");
        }
        return new BrokerListeners(mqtt.host(), plain ? plainPort : -1, secure ? tlsPort : -1, mqtt.tls());
    }

    /** The {@code <listeners>} element; writes the key stores the TLS listener needs into {@code conf}. */
    String xml(VigilProperties.Tls serverTls, Path conf) {
        StringBuilder xml = new StringBuilder("<listeners>\n");
        if (plainPort >= 0) {
            xml.append("""
                    <tcp-listener>
                        <port>%d</port>
                        <bind-address>%s</bind-address>
                    </tcp-listener>
                    """.formatted(plainPort, host));
        }
        if (tlsPort >= 0) {
            xml.append(tlsListener(serverTls, conf));
        }
        return xml.append("</listeners>\n").toString();
    }

    private String tlsListener(VigilProperties.Tls serverTls, Path conf) {
        KeyMaterial.StoreFile keys = KeyMaterial.writeKeyStore(serverTls.certificate(), serverTls.privateKey(),
                serverTls.privateKeyPassword(), conf.resolve("broker-keys.p12"));
        String truststore = "";
        if (tls.clientAuth() != VigilProperties.ClientAuth.NONE) {
            KeyMaterial.StoreFile trusted = KeyMaterial.writeTrustStore(tls.clientCa(), "vigil.mqtt.tls.client-ca",
                    conf.resolve("device-ca.p12"));
            truststore = """
                    <truststore>
                        <path>%s</path>
                        <password>%s</password>
                    </truststore>
                    """.formatted(trusted.path().toAbsolutePath(), trusted.password());
        }
        return """
                <tls-tcp-listener>
                    <port>%d</port>
                    <bind-address>%s</bind-address>
                    <name>mqtt-tls</name>
                    <tls>
                        <keystore>
                            <path>%s</path>
                            <password>%s</password>
                            <private-key-password>%s</private-key-password>
                        </keystore>
                        %s
                        <protocols>%s</protocols>
                        <cipher-suites>%s</cipher-suites>
                        <client-authentication-mode>%s</client-authentication-mode>
                    </tls>
                </tls-tcp-listener>
                """.formatted(tlsPort, host, keys.path().toAbsolutePath(), keys.password(), keys.password(), truststore,
                elements("protocol", TlsPolicy.PROTOCOLS), elements("cipher-suite", TlsPolicy.CIPHER_SUITES),
                tls.clientAuth().name());
    }

    private static String elements(String name, java.util.List<String> values) {
        return values.stream().map(v -> "<" + name + ">" + v + "</" + name + ">").collect(Collectors.joining());
    }
}
