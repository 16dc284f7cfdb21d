package io.vigil.server.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The append-only, hash-chained audit trail. Requests only queue their event; a writer appends the queue every
 * {@value #WRITE_EVERY_MS} ms in one batch, so auditing costs a request no database round trip. The price: a crash
 * loses at most the events of the last few milliseconds. Reading the trail ({@link #search}, {@link #verify})
 * writes the queue first, so it always includes everything recorded before.
 * <p>
 * The chain's head (last id and hash) lives in this process: one node writes the chain. Several nodes writing
 * one chain (or one chain each) belongs to the scale-out issue.
 */
@Component
public class AuditTrail implements DisposableBean {
    static final long WRITE_EVERY_MS = 20;
    private static final int MAX_LIMIT = 1000;
    private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);

    /** The outcome of walking the chain: valid, or the id of the first event that does not link. */
    public record Verification(boolean valid, long events, Long brokenAt, String reason) {}

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ConcurrentLinkedQueue<AuditEvent> queued = new ConcurrentLinkedQueue<>();
    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(
            task -> Thread.ofPlatform().name("vigil-audit").daemon().unstarted(task));
    /** Events whose write failed: kept, in order, and written before newer ones. Guarded by {@code this}. */
    private final List<AuditEvent> unwritten = new ArrayList<>();
    private long lastId = -1;
    private String lastHash;

    AuditTrail(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        writer.scheduleWithFixedDelay(this::writeQuietly, WRITE_EVERY_MS, WRITE_EVERY_MS, TimeUnit.MILLISECONDS);
    }

    /** Queues an event; never blocks on the database. */
    public void record(AuditEvent event) {
        queued.add(event);
    }

    /** Appends everything queued so far to the chain. */
    public synchronized void write() {
        List<AuditEvent> batch = new ArrayList<>(unwritten);
        unwritten.clear();
        for (AuditEvent event; (event = queued.poll()) != null; ) {
            batch.add(event);
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            append(batch);
        } catch (RuntimeException e) {
            unwritten.addAll(batch);
            throw e;
        }
    }

    private void append(List<AuditEvent> batch) {
        if (lastHash == null) {
            loadHead();
        }
        List<Object[]> rows = new ArrayList<>(batch.size());
        long id = lastId;
        String hash = lastHash;
        for (AuditEvent queuedEvent : batch) {
            // Milliseconds: what every database keeps exactly, so the hash of a row read back is the hash written.
            AuditEvent event = withTime(queuedEvent, queuedEvent.time().truncatedTo(ChronoUnit.MILLIS));
            id++;
            String previous = hash;
            hash = AuditChain.hash(previous, id, event);
            rows.add(AuditRows.values(id, event, previous, hash));
        }
        transactions.executeWithoutResult(status -> jdbc.batchUpdate(AuditRows.INSERT, rows));
        lastId = id;
        lastHash = hash;
    }

    private void loadHead() {
        List<AuditRecord> head = jdbc.query("SELECT * FROM audit_event ORDER BY id DESC FETCH FIRST 1 ROWS ONLY",
                (rs, n) -> AuditRows.read(rs));
        lastId = head.isEmpty() ? 0 : head.getFirst().id();
        lastHash = head.isEmpty() ? AuditChain.GENESIS : head.getFirst().hash();
    }

    private void writeQuietly() {
        try {
            write();
        } catch (RuntimeException e) {
            log.error("event=audit.write_failed pending={}", unwrittenCount(), e);
        }
    }

    private synchronized int unwrittenCount() {
        return unwritten.size();
    }

    /** The newest events first, filtered by patient id, actor and time (each optional). */
    public List<AuditRecord> search(String patientId, String actor, Instant from, Instant to, int limit) {
        return page(new AuditQuery(patientId, actor, from, to, List.of(), List.of(), null), 0,
                Math.clamp(limit, 1, MAX_LIMIT));
    }

    /** One page of the events a query matches, newest first: at most {@value #MAX_LIMIT} and one more (a pager's look-ahead). */
    public List<AuditRecord> page(AuditQuery query, int offset, int limit) {
        write();
        List<Object> args = new ArrayList<>();
        String sql = "SELECT * FROM audit_event" + AuditRows.where(query, args)
                + " ORDER BY id DESC OFFSET ? ROWS FETCH FIRST ? ROWS ONLY";
        args.add(Math.max(offset, 0));
        args.add(Math.clamp(limit, 1, MAX_LIMIT + 1));
        return jdbc.query(sql, (rs, n) -> AuditRows.read(rs), args.toArray());
    }

    /** How many events a query matches. */
    public long count(AuditQuery query) {
        write();
        List<Object> args = new ArrayList<>();
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM audit_event" + AuditRows.where(query, args), Long.class,
                args.toArray());
        return count == null ? 0 : count;
    }

    /** One stored event by its place in the chain. */
    public Optional<AuditRecord> find(long id) {
        write();
        return jdbc.query("SELECT * FROM audit_event WHERE id = ?", (rs, n) -> AuditRows.read(rs), id).stream().findFirst();
    }

    /** Walks the whole chain in order and reports the first event whose hashes do not follow from the one before. */
    public Verification verify() {
        write();
        ChainWalk walk = new ChainWalk();
        jdbc.query(AuditRows.IN_ORDER, rs -> {
            walk.next(AuditRows.read(rs));
        });
        ChainWalk.Break broken = walk.firstBreak();
        return new Verification(broken == null, walk.events(), broken == null ? null : broken.id(),
                broken == null ? null : broken.reason().code());
    }

    private static AuditEvent withTime(AuditEvent e, Instant time) {
        return new AuditEvent(time, e.actor(), e.role(), e.action(), e.resourceType(), e.resourceId(), e.patientId(),
                e.outcome(), e.clientAddress(), e.request(), e.severity());
    }

    /** Writes what is still queued before the database goes away. */
    @Override
    public void destroy() {
        writer.shutdown();
        try {
            writer.awaitTermination(5, TimeUnit.SECONDS);
            write();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("event=audit.final_write_failed", e);
        }
    }
}
