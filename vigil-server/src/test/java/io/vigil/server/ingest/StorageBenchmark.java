package io.vigil.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.model.MeasuredValue;
import io.vigil.model.Measurement;
import io.vigil.model.MeasurementRegistry;
import io.vigil.model.MeasurementType;
import io.vigil.model.ObservationRecord;
import io.vigil.model.TimeSource;
import io.vigil.server.BedsideContract;
import io.vigil.server.VigilClient;
import io.vigil.server.observation.ObservationIds;
import io.vigil.server.observation.ObservationPartitions;
import io.vigil.server.observation.ObservationQuery;
import io.vigil.server.observation.ObservationStore;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The storage benchmark of issue #7 (a benchmark, not a test: the test suite runs it in a tiny smoke configuration,
 * and it asserts only that every reading was stored). Sizes come from system properties, see docs/benchmarks.md,
 * "Storage (issue #7)":
 * <ul>
 *   <li>{@code vigil.bench.storage.ingest} readings written through the durable writer ({@link ObservationWriter}:
 *       group commit, ack after commit) by {@code vigil.bench.storage.devices} concurrent devices, 3 readings per
 *       message, each device waiting for its ack; on PostgreSQL also the same rows as one raw COPY (baseline);</li>
 *   <li>PostgreSQL only: {@code vigil.bench.storage.stored} (comma-separated steps) readings generated with COPY
 *       (250 per patient and code over 30 days, one patient per 1,000 readings), and at each step the disk bytes per
 *       reading and the latency of {@code GET /fhir/Observation?patient=…&code=…&date=ge…&_count=100}.</li>
 * </ul>
 */
abstract class StorageBenchmark extends BedsideContract {
    private static final int INGEST = Integer.getInteger("vigil.bench.storage.ingest", 600);
    private static final int DEVICES = Integer.getInteger("vigil.bench.storage.devices", 100);
    private static final int SEARCHES = Integer.getInteger("vigil.bench.storage.searches", 10);
    private static final List<Integer> STORED = Arrays.stream(System.getProperty("vigil.bench.storage.stored", "2000").split(","))
            .map(String::trim).map(Integer::parseInt).toList();
    private static final List<String> CODES = List.of("heart-rate", "spo2", "respiratory-rate", "body-temperature");
    private static final int PER_PATIENT_AND_CODE = 250;

    @Autowired
    ObservationWriter writer;
    @Autowired
    ObservationIds ids;
    @Autowired
    MeasurementRegistry registry;
    @Autowired
    ObservationPartitions partitions;
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObservationStore store;

    abstract String database();

    @Test
    void storage() throws Exception {
        durableIngest();
        if (partitions.partitioned()) {
            storedAndSearched();
        }
    }

    private void durableIngest() throws Exception {
        List<List<PendingObservation>> messages = new ArrayList<>();
        Instant start = Instant.now().minusSeconds(3600);
        for (int i = 0; i < INGEST / 3; i++) {
            String device = "bench-" + (i % DEVICES);
            List<PendingObservation> message = new ArrayList<>(3);
            for (int k = 0; k < 3; k++) {
                message.add(new PendingObservation(reading(device, "bench-patient-" + (i % DEVICES), CODES.get(k),
                        start.plusMillis(i * 10L), 60 + k + (i % 40)), "b-" + i));
            }
            messages.add(message);
        }
        long before = System.nanoTime();
        AtomicInteger next = new AtomicInteger();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> devices = new ArrayList<>();
            for (int d = 0; d < DEVICES; d++) {
                devices.add(pool.submit(() -> {
                    for (int m = next.getAndIncrement(); m < messages.size(); m = next.getAndIncrement()) {
                        writer.submit(messages.get(m)).join();
                    }
                    return null;
                }));
            }
            for (Future<?> device : devices) {
                device.get();
            }
        }
        double seconds = (System.nanoTime() - before) / 1e9;
        int readings = messages.size() * 3;
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM observation WHERE device_id LIKE 'bench-%'", Integer.class))
                .isEqualTo(readings);
        report("durable ingest (writer, group commit, ack after commit), %d devices: %,d readings in %.2f s = %,.0f readings/s",
                DEVICES, readings, seconds, readings / seconds);

        if (partitions.partitioned()) {
            List<PendingObservation> same = messages.stream().flatMap(List::stream)
                    .map(p -> new PendingObservation(withId(p.record()), p.messageId() + "-raw")).toList();
            long copyStart = System.nanoTime();
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                ObservationWriter.copy(connection, same);
                connection.commit();
            }
            double copySeconds = (System.nanoTime() - copyStart) / 1e9;
            report("baseline: the same rows as one raw COPY + commit: %,d readings in %.2f s = %,.0f readings/s",
                    same.size(), copySeconds, same.size() / copySeconds);
        }
    }

    private void storedAndSearched() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        int stored = 0;
        generatePatient(patient, deviceId, now);
        stored += CODES.size() * PER_PATIENT_AND_CODE;
        for (int target : STORED) {
            int perPatient = CODES.size() * PER_PATIENT_AND_CODE;
            while (stored + perPatient <= target) {
                int chunk = Math.min(100, (target - stored) / perPatient);
                StringBuilder rows = new StringBuilder();
                for (int p = 0; p < chunk; p++) {
                    rows.append(patientRows(UUID.randomUUID().toString(), "mon-" + UUID.randomUUID().toString().substring(0, 8), now));
                }
                copy(rows);
                stored += perPatient * chunk;
            }
            jdbc.execute("VACUUM ANALYZE observation");
            long count = jdbc.queryForObject("SELECT COUNT(*) FROM observation", Long.class);
            List<Long> sizes = jdbc.queryForList("SELECT COALESCE(SUM(pg_table_size(relid)), 0) FROM pg_partition_tree('observation') "
                    + "UNION ALL SELECT COALESCE(SUM(pg_indexes_size(relid)), 0) FROM pg_partition_tree('observation')", Long.class);
            report("stored %,d readings: %.1f bytes per reading on disk (table %.1f + indexes %.1f), %d day partitions",
                    count, (sizes.get(0) + sizes.get(1)) / (double) count, sizes.get(0) / (double) count,
                    sizes.get(1) / (double) count, partitions.days().size());
            for (String index : jdbc.queryForList("SELECT indexname FROM pg_indexes WHERE tablename = 'observation'", String.class)) {
                Long bytes = jdbc.queryForObject("SELECT COALESCE(SUM(pg_relation_size(i.indexrelid)), 0) FROM pg_partition_tree(?::regclass) t "
                        + "JOIN pg_index i ON i.indexrelid = t.relid", Long.class, index);
                report("  index %s: %.1f bytes per reading", index, bytes / (double) count);
            }
            search(now, count);
        }
    }

    private void search(Instant now, long stored) {
        String since = now.minus(14, ChronoUnit.DAYS).toString();
        String path = "/fhir/Observation?patient=" + patient + "&code=http://loinc.org%7C8867-4&date=ge" + since + "&_count=100";
        for (int i = 0; i < 5; i++) {
            assertThat(clinician.get(path).status()).isEqualTo(200);
        }
        long[] nanos = new long[SEARCHES];
        int entries = 0;
        for (int i = 0; i < SEARCHES; i++) {
            long t = System.nanoTime();
            VigilClient.Response response = clinician.get(path);
            nanos[i] = System.nanoTime() - t;
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            entries = response.json().path("entry").size();
        }
        Arrays.sort(nanos);
        report("FHIR search at %,d stored readings (%d entries per page, %d searches): p50 %.2f ms, p99 %.2f ms, max %.2f ms",
                stored, entries, SEARCHES, nanos[SEARCHES / 2] / 1e6, nanos[(int) Math.ceil(SEARCHES * 0.99) - 1] / 1e6,
                nanos[SEARCHES - 1] / 1e6);
        for (int i = 0; i < SEARCHES; i++) {
            long t = System.nanoTime();
            assertThat(clinician.get("/fhir/Patient/" + patient).status()).isEqualTo(200);
            nanos[i] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        report("  HTTP baseline in the same run, GET /fhir/Patient/{id} (same client, login, audit): p50 %.2f ms, p99 %.2f ms",
                nanos[SEARCHES / 2] / 1e6, nanos[(int) Math.ceil(SEARCHES * 0.99) - 1] / 1e6);
        ObservationQuery query = new ObservationQuery(patient, null, List.of("heart-rate"), Instant.parse(since), true, null, false,
                true, 0, 100);
        for (int i = 0; i < SEARCHES; i++) {
            long t = System.nanoTime();
            entries = store.search(query).size();
            nanos[i] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        report("  the same search's SQL alone (ObservationStore.search, %d rows): p50 %.2f ms, p99 %.2f ms",
                entries, nanos[SEARCHES / 2] / 1e6, nanos[(int) Math.ceil(SEARCHES * 0.99) - 1] / 1e6);
        for (int i = 0; i < SEARCHES; i++) {
            long t = System.nanoTime();
            entries = store.latest(patient, List.of()).size();
            nanos[i] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        report("  latest per code (ObservationStore.latest, all types, %d found): p50 %.2f ms, p99 %.2f ms",
                entries, nanos[SEARCHES / 2] / 1e6, nanos[(int) Math.ceil(SEARCHES * 0.99) - 1] / 1e6);
        List<String> plan = jdbc.queryForList("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT o.id, o.device_id, o.patient_id, o.type_code, "
                + "o.effective_at, o.received_at, o.time_source, o.value_num, o.value_code, o.note, o.clock_offset_ms, o.body_site "
                + "FROM observation o WHERE o.patient_id = ? AND o.type_code IN (?) AND o.effective_at >= ? "
                + "ORDER BY o.effective_at DESC, o.id DESC OFFSET 0 ROWS FETCH NEXT 100 ROWS ONLY", String.class,
                patient, "heart-rate", java.sql.Timestamp.from(Instant.parse(since)));
        report("  plan:%n    %s", String.join("\n    ", plan));
    }

    private void generatePatient(String patientId, String device, Instant now) throws Exception {
        copy(new StringBuilder(patientRows(patientId, device, now)));
        // Written around the ingest writer: its "newest per type" (observation_latest) is filled in by hand.
        jdbc.update("INSERT INTO observation_latest (patient_id, type_code, effective_at, observation_id) "
                + "SELECT patient_id, type_code, MAX(effective_at), MAX(id) FROM observation WHERE patient_id = ? "
                + "AND effective_at > ? GROUP BY patient_id, type_code", patientId, java.sql.Timestamp.from(now.minusSeconds(10)));
    }

    /** 250 readings of each code over the last 30 days, every 2.88 h, one device. */
    private String patientRows(String patientId, String device, Instant now) {
        StringBuilder rows = new StringBuilder();
        long step = Duration.ofDays(30).toMillis() / PER_PATIENT_AND_CODE;
        for (int k = 0; k < CODES.size(); k++) {
            for (int i = 0; i < PER_PATIENT_AND_CODE; i++) {
                Instant at = now.minusMillis(step * i + k * 1000L);
                rows.append(ids.next()).append('\t').append(at).append('\t').append(at.plusSeconds(1)).append('\t')
                        .append(60 + (i % 40)).append(".0\t\\N\tD\t").append(device).append('\t').append(patientId).append('\t')
                        .append(CODES.get(k)).append("\t\\N\t\\N\t\\N\t\\N\n");
            }
        }
        return rows.toString();
    }

    private void copy(StringBuilder rows) throws Exception {
        partitions.ensure(List.of(Instant.now().minus(31, ChronoUnit.DAYS), Instant.now()));
        for (int d = 0; d <= 31; d++) {
            partitions.ensure(List.of(Instant.now().minus(d, ChronoUnit.DAYS)));
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.unwrap(org.postgresql.PGConnection.class).getCopyAPI().copyIn("COPY observation (id, effective_at, received_at, "
                    + "value_num, clock_offset_ms, time_source, device_id, patient_id, type_code, value_code, message_id, note, body_site) "
                    + "FROM STDIN", new java.io.StringReader(rows.toString()));
        }
    }

    private ObservationRecord reading(String device, String patientId, String code, Instant at, double value) {
        MeasurementType type = registry.require(code);
        return new ObservationRecord(Long.toString(ids.next()), device, patientId,
                new Measurement(type, new MeasuredValue.Quantity(value, type.canonicalUnit()), at, TimeSource.DEVICE, null),
                at.plusMillis(200), List.of(), null);
    }

    private ObservationRecord withId(ObservationRecord r) {
        return new ObservationRecord(Long.toString(ids.next()), r.deviceId(), r.patientId(), r.measurement(), r.receivedAt(),
                r.notes(), r.clockOffset());
    }

    private void report(String format, Object... args) {
        System.out.println("STORAGE-BENCH [" + database() + "] " + String.format(Locale.ROOT, format, args));
    }
}
