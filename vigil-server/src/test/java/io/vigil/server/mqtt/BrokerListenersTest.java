package io.vigil.server.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.server.VigilProperties;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class BrokerListenersTest {

    private static VigilProperties properties(String... keyValues) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return new Binder(new MapConfigurationPropertySource(map)).bindOrCreate("vigil", VigilProperties.class);
    }

    @Test
    void demo_withoutCertificate_plainOnly_onLocalhost() {
        BrokerListeners listeners = BrokerListeners.choose(properties(), 1883, 8883);
        assertThat(listeners.plainPort()).isEqualTo(1883);
        assertThat(listeners.tlsPort()).isEqualTo(-1);
        assertThat(listeners.host()).isEqualTo("127.0.0.1");
    }

    @Test
    void demo_withCertificate_bothListeners() {
        BrokerListeners listeners = BrokerListeners.choose(properties("vigil.tls.certificate", "s.crt"), 1883, 8883);
        assertThat(listeners.plainPort()).isEqualTo(1883);
        assertThat(listeners.tlsPort()).isEqualTo(8883);
    }

    @Test
    void serve_withCertificate_tlsOnly_unlessPlainIsAskedFor() {
        BrokerListeners serve = BrokerListeners.choose(properties("vigil.mode", "serve", "vigil.tls.certificate", "s.crt"), 1883, 8883);
        assertThat(serve.plainPort()).isEqualTo(-1);
        assertThat(serve.tlsPort()).isEqualTo(8883);
        BrokerListeners asked = BrokerListeners.choose(properties("vigil.mode", "serve", "vigil.tls.certificate", "s.crt",
                "vigil.mqtt.plain", "true"), 1883, 8883);
        assertThat(asked.plainPort()).isEqualTo(1883);
    }

    @Test
    void noListenerAtAll_refused() {
        assertThatThrownBy(() -> BrokerListeners.choose(properties("vigil.mode", "serve"), 1883, 8883))
                .hasMessageContaining("vigil.tls.certificate").hasMessageContaining("vigil.mqtt.plain");
        assertThatThrownBy(() -> BrokerListeners.choose(properties("vigil.mqtt.plain", "false"), 1883, 8883))
                .hasMessageContaining("no listener");
    }

    @Test
    void clientCertificatesWithoutACa_refused() {
        assertThatThrownBy(() -> BrokerListeners.choose(properties("vigil.tls.certificate", "s.crt",
                "vigil.mqtt.tls.client-auth", "optional"), 1883, 8883))
                .hasMessageContaining("vigil.mqtt.tls.client-ca");
    }
}
