package io.vigil.server.bus;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The bus between ingest and analytics (prefix {@code vigil.bus}): {@code in-process} (the default, one node) or
 * {@code kafka} (scale-out: several nodes against one PostgreSQL database and one Kafka cluster).
 *
 * @param kind  in-process | kafka
 * @param kafka the Kafka settings, read only when {@code kind} is kafka
 */
@ConfigurationProperties("vigil.bus")
public record BusProperties(@DefaultValue("in-process") Kind kind, @DefaultValue Kafka kafka) {

    public enum Kind { IN_PROCESS, KAFKA }

    /**
     * @param bootstrapServers  the Kafka cluster, {@code host:port[,host:port…]}
     * @param readingsTopic     stored readings, keyed by patient id (by device id when unattributed)
     * @param alertsTopic       alert changes, for the live alert streams of every node
     * @param group             the consumer group of the analytics consumers (one per deployment)
     * @param partitions        partitions of the readings topic when Vigil creates it (the most nodes that can share
     *                          the analytics work); an existing topic is used as it is
     * @param replicationFactor replicas of the topics when Vigil creates them (3 on a production cluster)
     * @param rebuildWindow     how much of a patient's recent history rebuilds their in-memory rule state when their
     *                          partition moves to this node
     * @param node              this node's name in logs and metrics (default: generated at start)
     */
    public record Kafka(@DefaultValue("127.0.0.1:9092") String bootstrapServers,
                        @DefaultValue("vigil.readings") String readingsTopic,
                        @DefaultValue("vigil.alerts") String alertsTopic,
                        @DefaultValue("vigil-analytics") String group,
                        @DefaultValue("12") int partitions,
                        @DefaultValue("1") short replicationFactor,
                        @DefaultValue("1h") Duration rebuildWindow,
                        String node) {
    }

    public boolean kafkaMode() {
        return kind == Kind.KAFKA;
    }
}
