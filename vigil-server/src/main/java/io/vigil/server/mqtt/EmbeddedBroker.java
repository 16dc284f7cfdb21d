package io.vigil.server.mqtt;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.packets.disconnect.DisconnectReasonCode;
import com.hivemq.extension.sdk.api.services.Services;
import io.vigil.server.VigilProperties;
import io.vigil.server.audit.AuditTrail;
import io.vigil.server.device.DeviceCredentialsChanged;
import io.vigil.server.device.DeviceStore;
import io.vigil.server.ingest.IngestService;
import io.vigil.server.launch.FreePorts;
import io.vigil.server.medication.DispenserEvents;
import io.vigil.server.tls.KeyMaterial;
import io.vigil.server.zone.ReaderReads;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.event.EventListener;
import org.springframework.context.SmartLifecycle;

/**
 * The embedded HiveMQ CE broker with Vigil's extension (device authentication, topic permissions, ingest).
 * Fails closed: if the extension does not start, the broker is stopped and Vigil does not start.
 */
public class EmbeddedBroker implements SmartLifecycle, InitializingBean, DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);

    private final VigilProperties properties;
    private final VigilProperties.Mqtt settings;
    private final Path home;
    private final DeviceStore devices;
    private final IngestService ingest;
    private final Clock clock;
    private final VigilProperties.Ingest ingestSettings;
    private final ConnectedDevices connected = new ConnectedDevices();
    private final AuditTrail audit;
    private final ReaderReads readerReads;
    private final DispenserEvents dispenserEvents;
    private volatile boolean extensionStarted;
    private volatile EmbeddedHiveMQ hivemq;
    private volatile boolean running;
    private CompletableFuture<Void> starting;
    private BrokerListeners listeners;

    public EmbeddedBroker(VigilProperties properties, DeviceStore devices, IngestService ingest, AuditTrail audit,
                          Clock clock, ReaderReads readerReads, DispenserEvents dispenserEvents) {
        this.readerReads = readerReads;
        this.dispenserEvents = dispenserEvents;
        this.audit = audit;
        this.properties = properties;
        this.settings = properties.mqtt();
        this.home = properties.dataDir().resolve("broker");
        this.devices = devices;
        this.ingest = ingest;
        this.clock = clock;
        this.ingestSettings = properties.ingest();
    }

    /** The plain MQTT port (known once started), or -1 when the plain listener is off. */
    public int port() {
        return listeners.plainPort();
    }

    /** The MQTT-over-TLS port (known once started), or -1 without TLS. */
    public int tlsPort() {
        return listeners.tlsPort();
    }

    public String host() {
        return settings.host();
    }

    /**
     * Starts HiveMQ in the background as soon as the bean exists, so its start-up (1–3 s) overlaps the rest of the
     * application's; {@link #start()} waits for it. Early publishes queue at the writer until it runs.
     */
    @Override
    public void afterPropertiesSet() {
        listeners = BrokerListeners.choose(properties, chosen(settings.port()), chosen(settings.tls().port()));
        starting = CompletableFuture.runAsync(this::startHiveMq,
                command -> Thread.ofPlatform().name("vigil-broker-start").start(command));
    }

    @Override
    public void start() {
        try {
            starting.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
        if (!extensionStarted) {
            stop();
            throw new IllegalStateException("the broker's security extension did not start; refusing to run an open broker");
        }
        running = true;
        if (!properties.isDemo() && port() >= 0) {
            log.warn("event=mqtt.plain_listener_open port={} reason=vigil.mqtt.plain=true: device secrets and readings cross the network unencrypted",
                    port());
        }
        log.info("event=mqtt.started host={} port={} tls_port={} client_auth={}", settings.host(), port(), tlsPort(),
                tlsPort() < 0 ? "-" : settings.tls().clientAuth().name().toLowerCase(Locale.ROOT));
    }

    private int chosen(int configured) {
        return configured == 0 ? FreePorts.any(settings.host()) : configured;
    }

    private void startHiveMq() {
        try {
            Path conf = Files.createDirectories(home.resolve("conf"));
            Files.createDirectories(home.resolve("data"));
            Files.createDirectories(home.resolve("extensions"));
            Path config = conf.resolve("config.xml");
            Files.deleteIfExists(config);
            KeyMaterial.ownerOnly(config); // it holds the key stores' passwords
            Files.writeString(config, config(listeners.xml(properties.tls(), conf), maxPacketSize(ingestSettings)));
            hivemq = EmbeddedHiveMQ.builder()
                    .withConfigurationFolder(conf)
                    .withDataFolder(home.resolve("data"))
                    .withExtensionsFolder(home.resolve("extensions"))
                    .withEmbeddedExtension(extension())
                    .withoutLoggingBootstrap()
                    .build();
            hivemq.start().get(60, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the broker's folders under " + home, e);
        } catch (Exception e) {
            throw new IllegalStateException("the embedded MQTT broker did not start on " + settings.host() + " (ports "
                    + listeners.plainPort() + ", TLS " + listeners.tlsPort() + ")", e);
        }
    }

    private EmbeddedExtension extension() {
        DeviceAuthenticator authenticator = new DeviceAuthenticator(devices, connected, audit, clock);
        DeviceTopicAuthorizer authorizer = new DeviceTopicAuthorizer(ingest, audit, clock);
        MeasurementInterceptor interceptor = new MeasurementInterceptor(ingest, new DeviceErrorEvents(), clock,
                ingestSettings.ackTimeout());
        ReaderInterceptor readerInterceptor = new ReaderInterceptor(readerReads, clock, ingestSettings.ackTimeout());
        DeviceEventInterceptor eventInterceptor = new DeviceEventInterceptor(dispenserEvents, new DeviceErrorEvents(), clock,
                ingestSettings.ackTimeout());
        return EmbeddedExtension.builder()
                .withId("vigil-devices")
                .withName("Vigil device security and ingest")
                .withVersion("1")
                .withPriority(1000)
                .withStartPriority(1000)
                .withExtensionMain(new ExtensionMain() {
                    @Override
                    public void extensionStart(ExtensionStartInput in, ExtensionStartOutput out) {
                        Services.securityRegistry().setAuthenticatorProvider(i -> authenticator);
                        Services.securityRegistry().setAuthorizerProvider(i -> authorizer);
                        Services.eventRegistry().setClientLifecycleEventListener(i -> connected);
                        Services.initializerRegistry().setClientInitializer(
                                (init, client) -> {
                                    client.addPublishInboundInterceptor(interceptor);
                                    client.addPublishInboundInterceptor(readerInterceptor);
                                    client.addPublishInboundInterceptor(eventInterceptor);
                                });
                        extensionStarted = true;
                    }

                    @Override
                    public void extensionStop(ExtensionStopInput in, ExtensionStopOutput out) {
                        extensionStarted = false;
                    }
                })
                .build();
    }

    /**
     * Publishes a command (JSON) to a device on {@code vigil/v1/devices/{id}/commands}, QoS 1; false while the broker
     * is not running (the caller keeps the command and sends it again later). Delivery to a device that is not
     * subscribed is not guaranteed: the device acknowledges with a {@code command-ack} event.
     */
    public boolean publishCommand(String deviceId, byte[] json) {
        if (!extensionStarted || !running) {
            return false;
        }
        Services.publishService().publish(com.hivemq.extension.sdk.api.services.builder.Builders.publish()
                .topic(DeviceTopics.commands(deviceId))
                .qos(com.hivemq.extension.sdk.api.packets.general.Qos.AT_LEAST_ONCE)
                .contentType("application/json")
                .payload(java.nio.ByteBuffer.wrap(json))
                .build());
        return true;
    }

    /** Closes every connection of a device whose secret was rotated or which was revoked. */
    @EventListener
    public void credentialsChanged(DeviceCredentialsChanged changed) {
        if (!extensionStarted) {
            return;
        }
        for (String clientId : connected.clientsOf(changed.deviceId())) {
            Services.clientService().disconnectClient(clientId, false, DisconnectReasonCode.NOT_AUTHORIZED,
                    "Device credentials changed");
        }
        log.info("event=mqtt.device_disconnected device={}", changed.deviceId());
    }

    /**
     * Room for the largest payload plus a topic and headers: a payload a little over the limit still reaches the
     * ingest pipeline, which refuses it with a reason and keeps it as a dead letter; a far larger packet is cut off by
     * the broker (DISCONNECT 0x95 Packet too large) before it fills memory. MQTT 5 clients learn the limit in CONNACK.
     */
    static int maxPacketSize(VigilProperties.Ingest ingest) {
        return (int) Math.min(268_435_460L, ingest.maxPayloadBytes() + 65_536L);
    }

    private static String config(String listeners, int maxPacketSize) {
        return """
                <?xml version="1.0"?>
                <hivemq>
                    %s
                    <mqtt>
                        <receive-maximum>
                            <server-receive-maximum>64</server-receive-maximum>
                        </receive-maximum>
                        <packets>
                            <max-packet-size>%d</max-packet-size>
                        </packets>
                    </mqtt>
                    <persistence>
                        <mode>in-memory</mode>
                    </persistence>
                    <anonymous-usage-statistics>
                        <enabled>false</enabled>
                    </anonymous-usage-statistics>
                </hivemq>
                """.formatted(listeners, maxPacketSize);
    }

    @Override
    public void stop() {
        running = false;
        if (hivemq != null) {
            try {
                hivemq.stop().get(30, TimeUnit.SECONDS);
                hivemq.close();
            } catch (Exception e) {
                log.warn("event=mqtt.stop_failed", e);
            }
            hivemq = null;
        }
    }

    /** Also stops a broker whose start-up was under way when the application failed to start. */
    @Override
    public void destroy() {
        if (starting != null) {
            starting.handle((ok, failure) -> null).join();
        }
        stop();
    }

    /** Not stopped when a context is paused: devices and tests hold its ports; a paused test context keeps its broker (idle) rather than reopen it elsewhere. */
    @Override
    public boolean isPauseable() {
        return false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return 100;
    }
}
