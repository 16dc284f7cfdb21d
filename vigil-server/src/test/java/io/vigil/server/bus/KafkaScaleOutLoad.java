package io.vigil.server.bus;

import io.vigil.server.Databases;
import io.vigil.server.WardFixture;
import io.vigil.sim.SimulateCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A load run, not a test (it asserts no speed): Kafka mode with one node, then with two, each against a fresh
 * PostgreSQL database and the same in-JVM KRaft broker. {@code vigil simulate --load} sends at full speed (100
 * monitors, 8 in flight each, 3 readings a message) for {@code VIGIL_KAFKA_LOAD} seconds, split between the nodes;
 * prints the acknowledged (stored) readings/s and the analysed readings/s (stored readings through Kafka and the
 * analytics consumers, until the last one is analysed). Run:
 * {@code VIGIL_KAFKA_LOAD=30 ./mvnw -o verify -pl vigil-server -am -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test=KafkaScaleOutLoad -Dfailsafe.failIfNoSpecifiedTests=false}; {@code VIGIL_KAFKA_LOAD_ORDER=two-first}
 * runs the two-node deployment first (see docs/benchmarks.md).
 */
@EnabledIfEnvironmentVariable(named = "VIGIL_KAFKA_LOAD", matches = "[0-9]+")
class KafkaScaleOutLoad {
    private static final int DEVICES = 100;

    @Test
    void oneNodeThenTwo() throws Exception {
        Databases.requirePostgres();
        int seconds = Integer.parseInt(System.getenv("VIGIL_KAFKA_LOAD"));
        EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 12);
        kafka.afterPropertiesSet();
        try {
            // the runs share one JVM: the second profits from the first's JIT warm-up, so the order can be swapped
            boolean twoFirst = "two-first".equals(System.getenv("VIGIL_KAFKA_LOAD_ORDER"));
            String first = twoFirst ? run(kafka.getBrokersAsString(), 2, seconds, "vigil.readings.two")
                    : run(kafka.getBrokersAsString(), 1, seconds, "vigil.readings.one");
            String second = twoFirst ? run(kafka.getBrokersAsString(), 1, seconds, "vigil.readings.one")
                    : run(kafka.getBrokersAsString(), 2, seconds, "vigil.readings.two");
            System.out.println("kafka-scale-out " + first);
            System.out.println("kafka-scale-out " + second);
        } finally {
            kafka.destroy();
        }
    }

    private static String run(String servers, int nodes, int seconds, String topic) throws Exception {
        String database = Databases.freshPostgresDatabase();
        List<VigilNode> started = new ArrayList<>();
        try {
            for (int i = 0; i < nodes; i++) {
                started.add(VigilNode.start("load-" + nodes + "-" + i, i, servers, database,
                        "vigil.ingest.rate-limit.readings-per-second=0", "vigil.bus.kafka.readings-topic=" + topic,
                        "vigil.bus.kafka.alerts-topic=" + topic + ".alerts", "vigil.bus.kafka.group=" + topic));
            }
            List<Thread> loads = new ArrayList<>();
            List<ByteArrayOutputStream> reports = new ArrayList<>();
            for (VigilNode node : started) {
                ByteArrayOutputStream report = new ByteArrayOutputStream();
                reports.add(report);
                loads.add(Thread.ofPlatform().start(() -> SimulateCommand.run(new String[] {
                        "--url", "http://127.0.0.1:" + node.httpPort(), "--mqtt", "mqtt://127.0.0.1:" + node.mqttPort(),
                        "--user", "admin", "--password", WardFixture.PASSWORD, "--load", "--devices",
                        Integer.toString(DEVICES / nodes), "--in-flight", "8", "--duration", seconds + "s",
                        "--seed", Integer.toString(42 + loads.size()), "--unit", "ward-b"},
                        new PrintStream(report, true, StandardCharsets.UTF_8))));
                Thread.sleep(5); // distinct run tags (device ids) for the two generators
            }
            long firstPublished = 0; // after provisioning: the first stored reading on the bus
            while (loads.stream().anyMatch(Thread::isAlive)) {
                if (firstPublished == 0 && started.stream().mapToDouble(n -> n.meter("vigil.bus.readings.published")).sum() > 0) {
                    firstPublished = System.nanoTime();
                }
                Thread.sleep(50);
            }
            double published = started.stream().mapToDouble(n -> n.meter("vigil.bus.readings.published")).sum();
            while (started.stream().mapToDouble(n -> n.meter("vigil.bus.readings.analysed")).sum() < published) {
                Thread.sleep(50);
            }
            double elapsed = (System.nanoTime() - firstPublished) / 1e9;
            StringBuilder acked = new StringBuilder();
            for (ByteArrayOutputStream report : reports) {
                String text = report.toString(StandardCharsets.UTF_8);
                text.lines().filter(l -> l.startsWith("acked readings/s")).forEach(l -> acked.append(l.trim()).append("; "));
            }
            return String.format(Locale.ROOT, "nodes=%d published=%.0f analysed/s (first published → last analysed)=%.0f  %s", nodes, published, published / elapsed, acked);
        } finally {
            for (VigilNode node : started.reversed()) {
                node.close();
            }
        }
    }
}
