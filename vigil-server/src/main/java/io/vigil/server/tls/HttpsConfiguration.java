package io.vigil.server.tls;

import io.vigil.server.VigilProperties;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.servlet.ConfigurableServletWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Serves HTTP over TLS with the PEM certificate and key of {@code vigil.tls.*}, TLS 1.2/1.3 and modern suites only.
 * Without {@code vigil.tls.certificate}, Spring Boot's own {@code server.ssl.*} settings apply unchanged.
 */
@Configuration(proxyBeanMethods = false)
class HttpsConfiguration {

    @Bean
    HttpsCustomizer vigilHttps(VigilProperties properties) {
        return new HttpsCustomizer(properties.tls());
    }

    /** Runs after Spring Boot's own customizer, which copies {@code server.ssl.*} onto the factory. */
    record HttpsCustomizer(VigilProperties.Tls tls)
            implements WebServerFactoryCustomizer<ConfigurableServletWebServerFactory>, Ordered {
        @Override
        public void customize(ConfigurableServletWebServerFactory factory) {
            if (tls.configured()) {
                factory.setSsl(ssl(tls));
            }
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }

    private static Ssl ssl(VigilProperties.Tls tls) {
        if (tls.privateKey() == null || tls.privateKey().isBlank()) {
            throw new IllegalStateException("vigil.tls.certificate is set but vigil.tls.private-key is not (env VIGIL_TLS_PRIVATE_KEY)");
        }
        Ssl ssl = new Ssl();
        ssl.setEnabled(true);
        ssl.setCertificate(tls.certificate());
        ssl.setCertificatePrivateKey(tls.privateKey());
        ssl.setKeyPassword(tls.privateKeyPassword());
        ssl.setEnabledProtocols(TlsPolicy.PROTOCOLS.toArray(String[]::new));
        ssl.setCiphers(TlsPolicy.CIPHER_SUITES.toArray(String[]::new));
        return ssl;
    }
}
