package io.vigil.server.edge;

import io.vigil.server.Databases;
import io.vigil.server.VigilApplication;
import io.vigil.server.VigilClient;
import io.vigil.server.WardFixture;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** Real Vigils for the edge tests: each its own Spring context with its own H2 database and ports, in this JVM. */
final class EdgePair {
    static final String GATEWAY = "edge-icu";
    static final String GATEWAY_PASSWORD = "harbour-lantern-uplink-93";

    private EdgePair() {
    }

    /** A running Vigil: its context, HTTP port and database. */
    record Node(ConfigurableApplicationContext context, int httpPort, Path dataDir) implements AutoCloseable {
        JdbcTemplate jdbc() {
            return context.getBean(JdbcTemplate.class);
        }

        VigilClient user(String name) {
            return VigilClient.user(httpPort, name, WardFixture.PASSWORD);
        }

        @Override
        public void close() {
            context.close();
        }
    }

    static Node upstream() {
        return start(Databases.tempDataDir(), Map.of("vigil.mqtt.enabled", false));
    }

    /** An edge forwarding to {@code upstreamUrl} as the test gateway, quick to notice changes. */
    static Node edge(String upstreamUrl, Map<String, Object> more) {
        Map<String, Object> edge = new HashMap<>(Map.of(
                "vigil.edge.enabled", true,
                "vigil.edge.upstream.url", upstreamUrl,
                "vigil.edge.upstream.user", GATEWAY,
                "vigil.edge.upstream.password", GATEWAY_PASSWORD,
                "vigil.edge.forward-every", "200ms",
                "vigil.edge.roster-every", "500ms",
                "vigil.edge.timeout", "10s",
                "vigil.ingest.rate-limit.readings-per-second", 0));
        edge.putAll(more);
        return start(Databases.tempDataDir(), edge);
    }

    private static Node start(Path dataDir, Map<String, Object> more) {
        Map<String, Object> properties = new HashMap<>(Map.of(
                "server.port", 0,
                "server.address", "127.0.0.1",
                "vigil.mode", "demo",
                "vigil.demo.enabled", false,
                "vigil.demo.password", WardFixture.PASSWORD,
                "vigil.mqtt.port", 0,
                "vigil.hl7.port", 0,
                "vigil.data-dir", dataDir.toString(),
                "spring.datasource.url", "jdbc:h2:file:" + dataDir.resolve("db/vigil") + ";WRITE_DELAY=0",
                "spring.datasource.username", "sa"));
        properties.put("spring.datasource.password", "");
        properties.putAll(more);
        // As command-line arguments: they outrank application.yml, as the launcher's do.
        ConfigurableApplicationContext context = new SpringApplicationBuilder(VigilApplication.class)
                .run(properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
        int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
        return new Node(context, port, dataDir);
    }

    /** Upstream: the gateway's integration account. */
    static void gatewayAccount(Node upstream) {
        VigilClient.Response created = upstream.user("admin").post("/api/v1/users", Map.of("username", GATEWAY,
                "displayName", "ICU edge gateway", "roles", java.util.List.of("integration"), "password", GATEWAY_PASSWORD));
        if (created.status() != 201) {
            throw new IllegalStateException(created.body());
        }
    }

    /** Upstream: puts a registered device under the gateway. */
    static void underGateway(Node upstream, String deviceId) {
        VigilClient.Response put = upstream.user("admin").put("/api/v1/edge/gateways/" + GATEWAY + "/devices/" + deviceId,
                Map.of());
        if (put.status() != 200) {
            throw new IllegalStateException(put.body());
        }
    }
}
