package io.vigil.server.ingest;

import io.vigil.model.BodySite;
import io.vigil.model.MeasuredValue;
import io.vigil.model.ObservationRecord;
import io.vigil.server.VigilProperties;
import io.vigil.server.observation.StoredNote;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Group commit: one writer thread gathers the observations of many devices for a few milliseconds, writes
 * them in one transaction, and only then completes each caller's future — so an acknowledgement always
 * follows a commit. Retries carrying the same message id get the ids stored the first time.
 */
@Component
class ObservationWriter implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(ObservationWriter.class);

    /** What one caller gets back: ids in submission order, and how many were already stored. */
    record Written(List<String> ids, int duplicates) {}

    private record Request(List<PendingObservation> observations, CompletableFuture<Written> done) {}

    private final DataSource dataSource;
    private final List<SameTransaction> alongside;
    private final long windowNanos;
    private final int maxBatch;
    private final BlockingQueue<Request> queue = new LinkedBlockingQueue<>(100_000);
    private volatile boolean running;
    /** Work is accepted from construction (the broker may start first) until shutdown begins. */
    private volatile boolean accepting = true;
    private Thread thread;

    ObservationWriter(DataSource dataSource, VigilProperties properties,
                      ObjectProvider<SameTransaction> alongside) {
        this.dataSource = dataSource;
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
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                Map<String, String> stored = checkStored ? StoredMessages.find(connection, batch.stream()
                        .flatMap(r -> r.observations().stream()).toList()) : new HashMap<>();
                List<Written> results = new ArrayList<>(batch.size());
                List<PendingObservation> fresh = new ArrayList<>();
                for (Request request : batch) {
                    results.add(assignIds(request.observations(), stored, fresh));
                }
                insert(connection, fresh);
                writeAlongside(connection, fresh);
                connection.commit();
                return results;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
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
                     "INSERT INTO observation_component (observation_id, type_code, value_num) VALUES (?, ?, ?)")) {
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
}
