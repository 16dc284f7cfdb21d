package io.vigil.server;

import io.vigil.codec.ble.GattDecoder;
import io.vigil.codec.json.DeviceJsonDecoder;
import io.vigil.codec.json.DeviceJsonLimits;
import io.vigil.model.MeasurementRegistry;
import io.vigil.server.audit.AuditTrail;
import io.vigil.server.device.DeviceStore;
import io.vigil.server.ingest.IngestService;
import io.vigil.server.mqtt.EmbeddedBroker;
import io.vigil.server.observation.ObservationIds;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the pure libraries (registry, codecs) and the embedded broker into the application. */
@Configuration(proxyBeanMethods = false)
class VigilConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    MeasurementRegistry measurementRegistry() {
        return MeasurementRegistry.standard();
    }

    /** Several nodes writing one database (scale-out) each need their own {@code vigil.node-number}, 0–15. */
    @Bean
    ObservationIds observationIds(Clock clock,
                                  @org.springframework.beans.factory.annotation.Value("${vigil.node-number:0}") int node) {
        return new ObservationIds(clock, node);
    }

    @Bean
    DeviceJsonDecoder deviceJsonDecoder(MeasurementRegistry registry, VigilProperties properties) {
        DeviceJsonLimits defaults = DeviceJsonLimits.defaults();
        return new DeviceJsonDecoder(registry, new DeviceJsonLimits(properties.ingest().maxPayloadBytes(),
                defaults.maxMessages(), defaults.maxValuesPerMessage(), defaults.maxFutureSkew()));
    }

    @Bean
    GattDecoder gattDecoder(MeasurementRegistry registry) {
        return new GattDecoder(registry);
    }

    @Bean
    @ConditionalOnProperty(prefix = "vigil.mqtt", name = "enabled", havingValue = "true", matchIfMissing = true)
    EmbeddedBroker embeddedBroker(VigilProperties properties, DeviceStore devices, IngestService ingest, AuditTrail audit,
                                  Clock clock, io.vigil.server.zone.ReaderReads readerReads,
                                  io.vigil.server.medication.DispenserEvents dispenserEvents) {
        return new EmbeddedBroker(properties, devices, ingest, audit, clock, readerReads, dispenserEvents);
    }
}
