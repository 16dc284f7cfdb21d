package io.vigil.server.bus;

import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.server.Databases;
import io.vigil.server.VigilApplication;
import io.vigil.server.WardFixture;
import io.vigil.server.mqtt.EmbeddedBroker;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One Vigil node in this JVM — its own Spring context, HTTP and MQTT ports (ephemeral) and data dir — in Kafka mode
 * against a shared database and Kafka cluster: several of them make a scale-out deployment in one test.
 */
final class VigilNode implements AutoCloseable {
    private final String name;
    private final ConfigurableApplicationContext context;

    private VigilNode(String name, ConfigurableApplicationContext context) {
        this.name = name;
        this.context = context;
    }

    /** Starts a node; {@code extra} are more {@code key=value} settings. */
    static VigilNode start(String name, int number, String kafka, String databaseUrl, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0", "--vigil.mqtt.port=0", "--vigil.hl7.port=0",
                "--vigil.demo.password=" + WardFixture.PASSWORD, "--vigil.demo.enabled=false",
                "--vigil.data-dir=" + Databases.tempDataDir(),
                "--spring.datasource.url=" + databaseUrl,
                "--spring.datasource.username=" + Databases.POSTGRES_USER, "--spring.datasource.password=",
                "--vigil.node-number=" + number,
                "--vigil.bus.kind=kafka", "--vigil.bus.kafka.bootstrap-servers=" + kafka,
                "--vigil.bus.kafka.partitions=6", "--vigil.bus.kafka.node=" + name));
        for (String setting : extra) {
            args.add("--" + setting);
        }
        ConfigurableApplicationContext context = new SpringApplicationBuilder(VigilApplication.class)
                .run(args.toArray(String[]::new));
        return new VigilNode(name, context);
    }

    String name() {
        return name;
    }

    int httpPort() {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    int mqttPort() {
        return context.getBean(EmbeddedBroker.class).port();
    }

    /** A counter or gauge of this node (0 if absent). */
    double meter(String meterName) {
        MeterRegistry registry = context.getBean(MeterRegistry.class);
        var counter = registry.find(meterName).counter();
        if (counter != null) {
            return counter.count();
        }
        var gauge = registry.find(meterName).gauge();
        return gauge == null ? 0 : gauge.value();
    }

    boolean running() {
        return context.isActive();
    }

    @Override
    public void close() {
        if (context.isActive()) {
            context.close();
        }
    }
}
