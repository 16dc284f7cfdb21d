package io.vigil.server.hl7;

import io.vigil.codec.hl7.Hl7Decoder;
import io.vigil.model.MeasurementRegistry;
import io.vigil.server.ingest.DeadLetterStore;
import io.vigil.server.observation.ObservationEvents;
import io.vigil.server.patient.PatientStore;
import java.time.Clock;
import java.time.ZoneId;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the HL7 v2 decoder, the MLLP listener and the outbound ORU^R01 sender. */
@Configuration(proxyBeanMethods = false)
class Hl7Configuration {

    @Bean
    Hl7Decoder hl7Decoder(MeasurementRegistry registry, Hl7Properties properties) {
        return new Hl7Decoder(registry, ZoneId.of(properties.defaultZone()));
    }

    @Bean
    @ConditionalOnProperty(prefix = "vigil.hl7.outbound", name = "enabled", havingValue = "true")
    Hl7Outbound hl7Outbound(Hl7Properties properties, ObservationEvents events, PatientStore patients,
                            DeadLetterStore deadLetters, Clock clock) {
        return new Hl7Outbound(properties, events, patients, deadLetters, clock);
    }

    @Bean
    @ConditionalOnProperty(prefix = "vigil.hl7", name = "enabled", havingValue = "true", matchIfMissing = true)
    MllpListener mllpListener(Hl7Intake intake, Hl7Properties properties) {
        return new MllpListener(intake, properties);
    }
}
