package io.vigil.server.bus;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.model.MeasurementRegistry;
import io.vigil.model.ObservationRecord;
import io.vigil.server.alert.AlertFeed;
import io.vigil.server.alert.AlertView;
import io.vigil.server.observation.ObservationEvents;
import io.vigil.server.observation.PatientHandover;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.core.MicrometerProducerListener;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The scale-out bus ({@code vigil.bus.kind=kafka}). Each node stores what its devices send (ack after commit, as
 * always), then publishes the stored readings to {@code vigil.readings} keyed by patient id, so one patient's
 * readings stay in order on one partition. Three consumers per node:
 * <ul>
 * <li>analytics, in the deployment-wide group {@code vigil.bus.kafka.group}: Kafka shares the partitions among the
 * nodes; the batch is run through the analytics listeners and only then are its offsets committed (at least once:
 * a node that dies mid-batch leaves the batch to the node that takes its partitions, and the alert store's
 * uniqueness makes the replay raise nothing twice). When partitions move, the {@link PatientHandover}s forget
 * those patients, and rebuild them from the database on their next reading;</li>
 * <li>live, in a group of this node's own, from the newest offset: every reading, for the ward pages and the
 * no-data monitor;</li>
 * <li>alerts, likewise: alert changes other nodes made ({@code vigil.alerts}), for this node's alert streams.</li>
 * </ul>
 * Consumers start when the application is ready (every listener subscribed) and stop first on shutdown (before any
 * listener unsubscribes, committing what was processed); the producer stops last, after ingest has stopped and the
 * stored readings still queued have been sent.
 */
@Component
@ConditionalOnProperty(name = "vigil.bus.kind", havingValue = "kafka")
class KafkaBus implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(KafkaBus.class);
    private static final String NODE_HEADER = "vigil-node";
    /** Stops after the MQTT broker (100) and the web server, starts before them. */
    private static final int PHASE = 50;

    private final BusProperties.Kafka settings;
    private final ObservationEvents events;
    private final AlertFeed alerts;
    private final ObjectProvider<PatientHandover> holders;
    private final ReadingCodec codec;
    private final JsonMapper json;
    private final MeterRegistry meters;
    private final String node;
    private final Counter published;
    private final Counter analysed;
    private final Counter sendFailed;
    private final Counter rebalanced;

    private volatile boolean running;
    private volatile ReadingPartitions partitions;
    private Producer<String, byte[]> producer;
    private DefaultKafkaProducerFactory<String, byte[]> producerFactory;
    private final List<KafkaMessageListenerContainer<String, byte[]>> consumers = new ArrayList<>();
    private final List<AutoCloseable> relays = new ArrayList<>();

    KafkaBus(BusProperties properties, ObservationEvents events, AlertFeed alerts, ObjectProvider<PatientHandover> holders,
             MeasurementRegistry registry, JsonMapper json, MeterRegistry meters) {
        this.settings = properties.kafka();
        this.events = events;
        this.alerts = alerts;
        this.holders = holders;
        this.codec = new ReadingCodec(registry);
        this.json = json;
        this.meters = meters;
        this.node = settings.node() == null || settings.node().isBlank()
                ? "node-" + UUID.randomUUID().toString().substring(0, 8) : settings.node();
        this.published = Counter.builder("vigil.bus.readings.published").description("stored readings sent to Kafka")
                .register(meters);
        this.analysed = Counter.builder("vigil.bus.readings.analysed")
                .description("readings from Kafka run through this node's analytics").register(meters);
        this.sendFailed = Counter.builder("vigil.bus.send.failed")
                .description("stored readings or alert changes Kafka did not take").register(meters);
        this.rebalanced = Counter.builder("vigil.bus.rebalances")
                .description("partition assignments and revocations on this node").register(meters);
    }

    @Override
    public void start() {
        int count = createTopics();
        partitions = new ReadingPartitions(count);
        Gauge.builder("vigil.bus.partitions.owned", this, bus -> bus.partitions.ownedCount())
                .description("partitions of the readings topic this node analyses").register(meters);
        producerFactory = new DefaultKafkaProducerFactory<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 2,
                ProducerConfig.CLIENT_ID_CONFIG, "vigil-" + node),
                new StringSerializer(), new ByteArraySerializer());
        producerFactory.addListener(new MicrometerProducerListener<>(meters));
        producer = producerFactory.createProducer();
        relays.add(events.relayTo(this::send, patient -> partitions.handledHere(patient)));
        relays.add(alerts.relayTo(this::send));
        running = true;
        log.info("event=bus.started kind=kafka node={} servers={} topic={} partitions={}", node,
                settings.bootstrapServers(), settings.readingsTopic(), count);
    }

    /** Starts consuming once every listener has subscribed. */
    @EventListener(ApplicationReadyEvent.class)
    void consume() {
        consumers.add(container(settings.readingsTopic(), settings.group(), "earliest", analytics(), true));
        consumers.add(container(settings.readingsTopic(), "vigil-live-" + node, "latest", live(), false));
        consumers.add(container(settings.alertsTopic(), "vigil-alerts-" + node, "latest", alertChanges(), false));
        consumers.forEach(KafkaMessageListenerContainer::start);
    }

    /** Stops consuming before any listener unsubscribes: what was processed is committed, the rest is another node's. */
    @EventListener(ContextClosedEvent.class)
    void stopConsuming() {
        consumers.forEach(KafkaMessageListenerContainer::stop);
        consumers.clear();
    }

    @Override
    public void stop() {
        running = false;
        stopConsuming();
        events.drain();
        alerts.drain();
        relays.forEach(KafkaBus::close);
        relays.clear();
        if (producer != null) {
            producer.flush();
            producer.close();
            producerFactory.destroy();
        }
        log.info("event=bus.stopped node={}", node);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /** This node's name (logs, metrics, the header on the alert changes it relays). */
    String node() {
        return node;
    }

    private void send(List<ObservationRecord> stored) {
        for (ObservationRecord reading : stored) {
            String key = reading.patientId() != null ? reading.patientId() : reading.deviceId();
            producer.send(new ProducerRecord<>(settings.readingsTopic(), key, codec.encode(reading)), (meta, failure) -> {
                if (failure != null) {
                    sendFailed.increment();
                    log.warn("event=bus.send_failed observation={} error={}", reading.id(), failure.toString());
                }
            });
        }
        published.increment(stored.size());
    }

    private void send(AlertView.Message change) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(settings.alertsTopic(), change.alert().patient(),
                json.writeValueAsBytes(change));
        record.headers().add(NODE_HEADER, node.getBytes(StandardCharsets.UTF_8));
        producer.send(record, (meta, failure) -> {
            if (failure != null) {
                sendFailed.increment();
                log.warn("event=bus.alert_send_failed alert={} error={}", change.alert().id(), failure.toString());
            }
        });
    }

    private BatchMessageListener<String, byte[]> analytics() {
        return batch -> {
            List<ObservationRecord> readings = decode(batch);
            events.deliver(readings);
            analysed.increment(readings.size());
        };
    }

    private BatchMessageListener<String, byte[]> live() {
        return batch -> events.deliverEveryNode(decode(batch));
    }

    private MessageListener<String, byte[]> alertChanges() {
        return record -> {
            Header from = record.headers().lastHeader(NODE_HEADER);
            if (from != null && node.equals(new String(from.value(), StandardCharsets.UTF_8))) {
                return; // this node's own change: its listeners heard it when it was made
            }
            try {
                alerts.deliverFromAnotherNode(json.readValue(record.value(), AlertView.Message.class));
            } catch (RuntimeException e) {
                log.warn("event=bus.alert_unreadable offset={} error={}", record.offset(), e.toString());
            }
        };
    }

    private List<ObservationRecord> decode(List<ConsumerRecord<String, byte[]>> batch) {
        List<ObservationRecord> readings = new ArrayList<>(batch.size());
        for (ConsumerRecord<String, byte[]> record : batch) {
            try {
                readings.add(codec.decode(record.value()));
            } catch (RuntimeException e) {
                log.warn("event=bus.reading_unreadable partition={} offset={} error={}", record.partition(),
                        record.offset(), e.toString());
            }
        }
        return readings;
    }

    private KafkaMessageListenerContainer<String, byte[]> container(String topic, String group, String reset,
                                                                    Object listener, boolean shared) {
        DefaultKafkaConsumerFactory<String, byte[]> factory = new DefaultKafkaConsumerFactory<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, reset,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000,
                ConsumerConfig.CLIENT_ID_CONFIG, "vigil-" + node + "-" + (shared ? "analytics" : group)),
                new StringDeserializer(), new ByteArrayDeserializer());
        factory.addListener(new MicrometerConsumerListener<>(meters));
        ContainerProperties properties = new ContainerProperties(topic);
        properties.setMessageListener(listener);
        properties.setAckMode(ContainerProperties.AckMode.BATCH);
        properties.setShutdownTimeout(30_000);
        if (shared) {
            properties.setConsumerRebalanceListener(new Handover());
        }
        KafkaMessageListenerContainer<String, byte[]> container = new KafkaMessageListenerContainer<>(factory, properties);
        container.setBeanName("vigil-bus-" + group);
        return container;
    }

    /** Moves patients' in-memory state with their partitions. */
    private final class Handover implements ConsumerAwareRebalanceListener {
        @Override
        public void onPartitionsRevokedAfterCommit(Consumer<?, ?> consumer, Collection<TopicPartition> revoked) {
            moved(revoked, false);
        }

        @Override
        public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> lost) {
            moved(lost, false);
        }

        @Override
        public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> assigned) {
            moved(assigned, true);
        }

        private void moved(Collection<TopicPartition> changed, boolean toHere) {
            if (changed.isEmpty()) {
                return;
            }
            List<Integer> numbers = changed.stream().map(TopicPartition::partition).toList();
            if (toHere) {
                partitions.assigned(numbers);
            } else {
                partitions.revoked(numbers);
            }
            rebalanced.increment();
            var moved = partitions.in(numbers);
            holders.orderedStream().forEach(holder -> holder.handOver(moved));
            log.info("event=bus.partitions_{} node={} partitions={}", toHere ? "assigned" : "revoked", node, numbers);
        }
    }

    /** Creates the topics if absent; returns the readings topic's partition count. */
    private int createTopics() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers()))) {
            for (NewTopic topic : List.of(
                    new NewTopic(settings.readingsTopic(), settings.partitions(), settings.replicationFactor()),
                    new NewTopic(settings.alertsTopic(), 1, settings.replicationFactor()))) {
                try {
                    admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create Kafka topic " + topic.name() + " on "
                                + settings.bootstrapServers(), e.getCause());
                    }
                }
            }
            return admin.describeTopics(List.of(settings.readingsTopic())).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(settings.readingsTopic()).partitions().size();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the Kafka topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka at " + settings.bootstrapServers() + " is not reachable: " + e, e);
        }
    }

    private static void close(AutoCloseable relay) {
        try {
            relay.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
