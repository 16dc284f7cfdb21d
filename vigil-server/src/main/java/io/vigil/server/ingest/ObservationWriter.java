package io.vigil.server.ingest;

import io.vigil.model.BodySite;
import io.vigil.model.MeasuredValue;
import io.vigil.model.ObservationRecord;
import io.vigil.model.TimeSource;
import io.vigil.server.VigilProperties;
import io.vigil.server.observation.ObservationPartitions;
import io.vigil.server.observation.StoredNote;
import java.io.StringReader;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Group commit: one writer thread gathers the observations of many devices for a few milliseconds, writes
 * them in one transaction, and only then completes each caller's future — so an acknowledgement always
 * follows a commit. Retries carrying the same message id get the ids stored the first time.
 *
 * <p>On PostgreSQL the rows go in with one {@code COPY} per table and transaction, into day partitions made sure of
 * beforehand ({@link ObservationPartitions}); on H2 as one JDBC batch.
 */
@Component
class ObservationWriter implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(ObservationWriter.class);

    /** What one caller gets back: ids in submission order, and how many were already stored. */
    record Written(List<String> ids, int duplicates) {}

    private record Request(List<PendingObservation> observations, CompletableFuture<Written> done) {}

    private final DataSource dataSource;
    private final ObservationPartitions partitions;
    private final List<SameTransaction> alongside;
    private final long windowNanos;
    private final int maxBatch;
    private final BlockingQueue<Request> queue = new LinkedBlockingQueue<>(100_000);
    private volatile boolean running;
    /** Work is accepted from construction (the broker may start first) until shutdown begins. */
    private volatile boolean accepting = true;
    private Thread thread;

    ObservationWriter(DataSource dataSource, VigilProperties properties, ObservationPartitions partitions,
                      ObjectProvider<SameTransaction> alongside) {
        this.dataSource = dataSource;
        this.partitions = partitions;
        this.alongside = alongside.orderedStream().toList();
        this.windowNanos = properties.ingest().groupCommitWindow().toNanos();
        this.maxBatch = properties.ingest().maxBatch();
    }

    CompletableFuture<Written> submit(List<PendingObservation> observations) {
        CompletableFuture<Written> done = new CompletableFuture<>();
        if (!accepting || !queue.offer(new Request(observations, done))) {
            done.completeExceptionally(new IllegalStateException("ingest writer is not accepting work"));
        }
        return done;
    }

    @Override
    public void start() {
        accepting = true;
        running = true;
        thread = Thread.ofPlatform().name("vigil-observation-writer").start(this::run);
    }

    @Override
    public void stop() {
        accepting = false;
        running = false;
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return 0;
    }

    private void run() {
        List<Request> batch = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                Request first = running ? queue.take() : queue.poll();
                if (first == null) {
                    break;
                }
                gather(first, batch);
            } catch (InterruptedException e) {
                if (running) {
                    continue;
                }
                queue.drainTo(batch);
            }
            if (!batch.isEmpty()) {
                write(batch);
                batch.clear();
            }
        }
    }

    private void gather(Request first, List<Request> batch) throws InterruptedException {
        batch.add(first);
        int count = first.observations().size();
        long deadline = System.nanoTime() + windowNanos;
        while (count < maxBatch) {
            long left = deadline - System.nanoTime();
            Request next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : queue.poll();
            if (next == null) {
                return;
            }
            batch.add(next);
            count += next.observations().size();
        }
    }

    private void write(List<Request> batch) {
        try {
            List<Written> results = writeTransaction(batch, false);
            complete(batch, results);
        } catch (SQLException firstAttempt) {
            // A unique-key clash (a retried message id) or a transient failure: redo carefully, one caller at a time.
            for (Request request : batch) {
                try {
                    complete(List.of(request), writeTransaction(List.of(request), true));
                } catch (SQLException e) {
                    log.error("event=ingest.write_failed observations={} sqlState={}", request.observations().size(), e.getSQLState(), e);
                    request.done().completeExceptionally(e);
                }
            }
        }
    }

    private static void complete(List<Request> batch, List<Written> results) {
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).done().complete(results.get(i));
        }
    }

    private List<Written> writeTransaction(List<Request> batch, boolean checkStored) throws SQLException {
        List<PendingObservation> all = batch.stream().flatMap(r -> r.observations().stream()).toList();
        boolean partitioned = partitions.partitioned();
        if (partitioned) {
            partitions.ensure(all.stream().map(o -> o.record().measurement().time()).toList());
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                Map<String, String> stored = checkStored ? StoredMessages.find(connection, all)
                        : partitioned ? StoredMessages.find(connection, receivedTimeRetries(all)) : new HashMap<>();
                List<Written> results = new ArrayList<>(batch.size());
                List<PendingObservation> fresh = new ArrayList<>();
                for (Request request : batch) {
                    results.add(assignIds(request.observations(), stored, fresh));
                }
                if (partitioned) {
                    copy(connection, fresh);
                } else {
                    insert(connection, fresh);
                }
                newest(connection, fresh);
                writeAlongside(connection, fresh);
                connection.commit();
                return results;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /**
     * A partitioned table's unique key must hold the partition key (effective time), so a retried message whose
     * readings the server time-stamped (a new time on each try) would not clash: those are looked up before writing.
     */
    private static List<PendingObservation> receivedTimeRetries(List<PendingObservation> observations) {
        return observations.stream()
                .filter(o -> o.messageId() != null && o.record().measurement().timeSource() == TimeSource.RECEIVED)
                .toList();
    }

    /** Keeps observation_latest (each patient's newest reading per type) up to date with these rows, in their transaction. */
    private static void newest(Connection connection, List<PendingObservation> observations) throws SQLException {
        Map<String, ObservationRecord> newest = new HashMap<>();
        for (PendingObservation pending : observations) {
            ObservationRecord record = pending.record();
            if (record.patientId() != null) {
                newest.merge(record.patientId() + '\u0000' + record.measurement().type().alias(), record,
                        (a, b) -> newer(b, a) ? b : a);
            }
        }
        if (newest.isEmpty()) {
            return;
        }
        try (PreparedStatement merge = connection.prepareStatement("""
                MERGE INTO observation_latest l
                USING (VALUES (CAST(? AS VARCHAR(64)), CAST(? AS VARCHAR(32)), CAST(? AS TIMESTAMP WITH TIME ZONE), CAST(? AS BIGINT)))
                    AS s (patient_id, type_code, effective_at, observation_id)
                ON l.patient_id = s.patient_id AND l.type_code = s.type_code
                WHEN MATCHED AND (s.effective_at > l.effective_at
                        OR (s.effective_at = l.effective_at AND s.observation_id > l.observation_id))
                    THEN UPDATE SET effective_at = s.effective_at, observation_id = s.observation_id
                WHEN NOT MATCHED THEN INSERT (patient_id, type_code, effective_at, observation_id)
                    VALUES (s.patient_id, s.type_code, s.effective_at, s.observation_id)""")) {
            for (ObservationRecord record : newest.values()) {
                merge.setString(1, record.patientId());
                merge.setString(2, record.measurement().type().alias());
                merge.setTimestamp(3, Timestamp.from(record.measurement().time()));
                merge.setLong(4, Long.parseLong(record.id()));
                merge.addBatch();
            }
            merge.executeBatch();
        }
    }

    private static boolean newer(ObservationRecord a, ObservationRecord b) {
        int byTime = a.measurement().time().compareTo(b.measurement().time());
        return byTime > 0 || (byTime == 0 && Long.parseLong(a.id()) > Long.parseLong(b.id()));
    }

    private void writeAlongside(Connection connection, List<PendingObservation> fresh) throws SQLException {
        if (alongside.isEmpty() || fresh.isEmpty()) {
            return;
        }
        List<SameTransaction.Fresh> written = fresh.stream()
                .map(p -> new SameTransaction.Fresh(p.record(), p.messageId())).toList();
        for (SameTransaction writer : alongside) {
            writer.write(connection, written);
        }
    }

    /** Picks, for each observation, its own id or the id a same-keyed one got before (in the store or this batch). */
    private static Written assignIds(List<PendingObservation> observations, Map<String, String> stored,
                                     List<PendingObservation> fresh) {
        List<String> ids = new ArrayList<>(observations.size());
        int duplicates = 0;
        for (PendingObservation observation : observations) {
            String key = observation.key();
            String earlier = key == null ? null : stored.putIfAbsent(key, observation.record().id());
            if (earlier != null) {
                ids.add(earlier);
                duplicates++;
            } else {
                ids.add(observation.record().id());
                fresh.add(observation);
            }
        }
        return new Written(ids, duplicates);
    }

    private static void insert(Connection connection, List<PendingObservation> observations) throws SQLException {
        try (PreparedStatement row = connection.prepareStatement(
                "INSERT INTO observation (id, device_id, patient_id, type_code, effective_at, received_at, time_source, "
                        + "value_num, value_code, message_id, note, clock_offset_ms, body_site) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement component = connection.prepareStatement(
                     "INSERT INTO observation_component (observation_id, type_code, value_num, effective_at) VALUES (?, ?, ?, ?)")) {
            boolean anyComponent = false;
            for (PendingObservation pending : observations) {
                ObservationRecord record = pending.record();
                long id = Long.parseLong(record.id());
                row.setLong(1, id);
                row.setString(2, record.deviceId());
                row.setString(3, record.patientId());
                row.setString(4, record.measurement().type().alias());
                row.setTimestamp(5, Timestamp.from(record.measurement().time()));
                row.setTimestamp(6, Timestamp.from(record.receivedAt()));
                row.setString(7, record.measurement().timeSource().name().substring(0, 1));
                row.setNull(8, Types.DOUBLE);
                row.setNull(9, Types.VARCHAR);
                switch (record.measurement().value()) {
                    case MeasuredValue.Quantity q -> row.setDouble(8, q.value());
                    case MeasuredValue.Coded c -> row.setString(9, c.answer().code());
                    case MeasuredValue.Panel panel -> {
                        for (MeasuredValue.Component c : panel.components()) {
                            component.setLong(1, id);
                            component.setString(2, c.type().alias());
                            component.setDouble(3, c.quantity().value());
                            component.setTimestamp(4, Timestamp.from(record.measurement().time()));
                            component.addBatch();
                            anyComponent = true;
                        }
                    }
                }
                row.setString(10, pending.messageId());
                row.setString(11, StoredNote.column(record.notes()));
                if (record.clockOffset() == null) {
                    row.setNull(12, Types.BIGINT);
                } else {
                    row.setLong(12, record.clockOffset().toMillis());
                }
                BodySite site = record.measurement().bodySite();
                row.setString(13, site == null ? null : site.code().code());
                row.addBatch();
            }
            row.executeBatch();
            if (anyComponent) {
                component.executeBatch();
            }
        }
    }

    /** PostgreSQL: the same rows as {@link #insert}, as one COPY per table (text format). */
    static void copy(Connection connection, List<PendingObservation> observations) throws SQLException {
        if (observations.isEmpty()) {
            return;
        }
        StringBuilder rows = new StringBuilder(observations.size() * 160);
        StringBuilder components = new StringBuilder();
        for (PendingObservation pending : observations) {
            ObservationRecord record = pending.record();
            String id = record.id();
            String effective = record.measurement().time().toString();
            Double number = null;
            String code = null;
            switch (record.measurement().value()) {
                case MeasuredValue.Quantity q -> number = q.value();
                case MeasuredValue.Coded c -> code = c.answer().code();
                case MeasuredValue.Panel panel -> {
                    for (MeasuredValue.Component c : panel.components()) {
                        components.append(id).append('\t').append(effective).append('\t')
                                .append(c.quantity().value()).append('\t');
                        field(components, c.type().alias()).append('\n');
                    }
                }
            }
            BodySite site = record.measurement().bodySite();
            rows.append(id).append('\t').append(effective).append('\t').append(record.receivedAt()).append('\t');
            field(rows, number == null ? null : number.toString()).append('\t');
            field(rows, record.clockOffset() == null ? null : Long.toString(record.clockOffset().toMillis())).append('\t');
            rows.append(record.measurement().timeSource().name().charAt(0)).append('\t');
            field(rows, record.deviceId()).append('\t');
            field(rows, record.patientId()).append('\t');
            field(rows, record.measurement().type().alias()).append('\t');
            field(rows, code).append('\t');
            field(rows, pending.messageId()).append('\t');
            field(rows, StoredNote.column(record.notes())).append('\t');
            field(rows, site == null ? null : site.code().code()).append('\n');
        }
        try {
            var copier = connection.unwrap(PGConnection.class).getCopyAPI();
            copier.copyIn("COPY observation (id, effective_at, received_at, value_num, clock_offset_ms, time_source, device_id, "
                    + "patient_id, type_code, value_code, message_id, note, body_site) FROM STDIN", new StringReader(rows.toString()));
            if (!components.isEmpty()) {
                copier.copyIn("COPY observation_component (observation_id, effective_at, value_num, type_code) FROM STDIN",
                        new StringReader(components.toString()));
            }
        } catch (IOException e) {
            throw new SQLException("COPY into observation failed", "08000", e);
        }
    }

    /** A COPY text-format field: \N for null, backslash escapes for the characters the format reserves. */
    static StringBuilder field(StringBuilder out, String value) {
        if (value == null) {
            return out.append("\\N");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out;
    }
}
