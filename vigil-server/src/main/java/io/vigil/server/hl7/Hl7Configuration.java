package io.vigil.server.hl7;

import io.vigil.codec.hl7.Hl7Decoder;
import io.vigil.model.MeasurementRegistry;
import java.time.ZoneId;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the HL7 v2 decoder and the MLLP listener. */
@Configuration(proxyBeanMethods = false)
class Hl7Configuration {

    @Bean
    Hl7Decoder hl7Decoder(MeasurementRegistry registry, Hl7Properties properties) {
        return new Hl7Decoder(registry, ZoneId.of(properties.defaultZone()));
    }

    @Bean
    @ConditionalOnProperty(prefix = "vigil.hl7", name = "enabled", havingValue = "true", matchIfMissing = true)
    MllpListener mllpListener(Hl7Intake intake, Hl7Properties properties) {
        return new MllpListener(intake, properties);
    }
}
