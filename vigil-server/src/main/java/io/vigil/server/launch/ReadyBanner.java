package io.vigil.server.launch;

import io.vigil.server.VigilProperties;
import io.vigil.server.hl7.MllpListener;
import io.vigil.server.mqtt.EmbeddedBroker;
import java.lang.management.ManagementFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Prints the one line that says Vigil is up, with its addresses, and the demo logins in demo mode. */
@Component
class ReadyBanner {
    private final VigilProperties properties;
    private final ObjectProvider<EmbeddedBroker> broker;
    private final ObjectProvider<MllpListener> mllp;

    ReadyBanner(VigilProperties properties, ObjectProvider<EmbeddedBroker> broker, ObjectProvider<MllpListener> mllp) {
        this.properties = properties;
        this.broker = broker;
        this.mllp = mllp;
    }

    @EventListener
    void ready(ApplicationReadyEvent event) {
        String url = ServerUrl.of(event.getApplicationContext()).orElse(null);
        if (url == null) {
            return;
        }
        StringBuilder line = new StringBuilder("Vigil ready: " + url);
        EmbeddedBroker mqtt = broker.getIfAvailable();
        if (mqtt != null && mqtt.port() >= 0) {
            line.append("  mqtt://").append(mqtt.host()).append(':').append(mqtt.port());
        }
        if (mqtt != null && mqtt.tlsPort() >= 0) {
            line.append("  mqtts://").append(mqtt.host()).append(':').append(mqtt.tlsPort());
        }
        MllpListener hl7 = mllp.getIfAvailable();
        if (hl7 != null) {
            line.append("  mllp://").append(hl7.host()).append(':').append(hl7.port());
        }
        long millis = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        System.out.println(line);
        System.out.printf("Started in %.1f s.  NOT FOR CLINICAL USE.%n", millis / 1000.0);
        if (properties.isDemo()) {
            System.out.println("Demo logins: admin, clinician, caregiver — password: " + properties.demo().password());
            System.out.println("Demo data is for the demo only.");
        }
        System.out.flush();
    }
}
