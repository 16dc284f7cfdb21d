package io.vigil.server.fhir;

import io.vigil.server.launch.ServerUrl;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * HAPI's server takes a second or two to initialise. Rather than spend that on the start-up path, Vigil reads its
 * own public CapabilityStatement in the background once ready, so the first real FHIR client does not wait.
 */
@Component
class FhirWarmUp {
    private static final Logger log = LoggerFactory.getLogger(FhirWarmUp.class);

    @EventListener
    void ready(ApplicationReadyEvent event) {
        String base = ServerUrl.of(event.getApplicationContext()).orElse(null);
        if (base == null) {
            return;
        }
        URI metadata = URI.create(base + "/fhir/metadata");
        Thread.ofVirtual().name("vigil-fhir-warm-up").start(() -> {
            try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(metadata).timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.discarding());
                log.debug("event=fhir.warmed_up status={}", response.statusCode());
            } catch (Exception e) {
                log.debug("event=fhir.warm_up_skipped reason={}", e.getClass().getSimpleName());
            }
        });
    }
}
