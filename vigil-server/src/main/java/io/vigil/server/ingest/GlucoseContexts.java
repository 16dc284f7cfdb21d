package io.vigil.server.ingest;

import io.vigil.codec.ErrorCode;
import io.vigil.model.ObservationRecord;
import io.vigil.server.observation.ObservationEvents;
import io.vigil.server.observation.StoredNote;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Links a Glucose Measurement Context (0x2A34) to the glucose reading it describes. The Glucose Service sends the
 * context after the Glucose Measurement (0x2A18) with the same sequence number; the reading's first note is
 * "sequence number N", so the device's newest glucose reading with that note is the one (a meter that was reset
 * numbers from 0 again). The context's notes are appended to the reading's note, within the column's limit.
 * <p>
 * A gateway may forward the two out of order or concurrently, so a context whose reading is not stored yet is held
 * in memory — at most {@code max-held} contexts for at most {@code hold} — and joined when the reading with its
 * device and sequence number is stored. One that waits longer goes to the dead-letter list (VIGIL-1050); one more
 * than {@code max-held} is refused at once. Held contexts do not survive a restart (the device's retry would).
 */
@Component
class GlucoseContexts implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(GlucoseContexts.class);
    private static final String SEQUENCE_NOTE = "sequence number ";

    /** What became of a context. */
    sealed interface Outcome {
        /** Joined to the stored reading with this id. */
        record Attached(String observationId) implements Outcome {}

        /** Its reading is not stored yet: held until it is, or until the hold ends. */
        record Held(Instant until) implements Outcome {}

        /** Its reading is not stored and no more contexts can be held. */
        record Full(int maxHeld) implements Outcome {}
    }

    private record Key(String deviceId, int sequence) {}

    private record Waiting(IngestRequest request, List<String> notes, Instant until) {}

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final DeadLetterStore deadLetters;
    private final IngestMetrics metrics;
    private final Clock clock;
    private final GlucoseContextProperties settings;
    private final ReentrantLock lock = new ReentrantLock();
    /** In arrival order, which is expiry order: every context is held for the same time. */
    private final Map<Key, Waiting> held = new LinkedHashMap<>();
    private final AutoCloseable subscription;
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("vigil-glucose-contexts").daemon().factory());

    GlucoseContexts(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, ObservationEvents events,
                    DeadLetterStore deadLetters, IngestMetrics metrics, Clock clock, GlucoseContextProperties settings) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.clock = clock;
        this.settings = settings;
        this.subscription = events.subscribeThisNode(this::stored);
        long period = Math.max(100, Math.min(1000, settings.hold().toMillis() / 4));
        sweeper.scheduleWithFixedDelay(this::expire, period, period, TimeUnit.MILLISECONDS);
    }

    /** The sequence number of a decoded context value: the uint16 after the flags octet. */
    static int sequenceNumber(byte[] value) {
        return (value[1] & 0xFF) | (value[2] & 0xFF) << 8;
    }

    /**
     * Joins the context to its reading when that is stored, else holds it. Looking for the reading and holding the
     * context happen under the lock the arrival of a reading takes, so a reading stored meanwhile is not missed.
     */
    Outcome attachOrHold(IngestRequest request, int sequence, List<String> contextNotes) {
        lock.lock();
        try {
            Optional<String> reading = attach(request.deviceId(), sequence, contextNotes);
            if (reading.isPresent()) {
                return new Outcome.Attached(reading.get());
            }
            Key key = new Key(request.deviceId(), sequence);
            if (!held.containsKey(key) && held.size() >= settings.maxHeld()) {
                return new Outcome.Full(settings.maxHeld());
            }
            Instant until = clock.instant().plus(settings.hold());
            held.remove(key); // sent again: held anew, at the end of the expiry order
            held.put(key, new Waiting(request, contextNotes, until));
            return new Outcome.Held(until);
        } finally {
            lock.unlock();
        }
    }

    /** How many contexts wait for their reading now. */
    int heldCount() {
        lock.lock();
        try {
            return held.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Appends the context's notes (all but its own sequence number) to the reading's note; a context sent again
     * changes nothing.
     *
     * @return the id of the reading, or empty when the device has no glucose reading with this sequence number
     */
    Optional<String> attach(String deviceId, int sequence, List<String> contextNotes) {
        return transactions.execute(status -> {
            String first = SEQUENCE_NOTE + sequence;
            List<Reading> readings = jdbc.query("SELECT id, note FROM observation WHERE device_id = ?"
                            + " AND type_code IN ('blood-glucose', 'cgm-glucose') AND (note = ? OR note LIKE ?)"
                            + " ORDER BY received_at DESC, id DESC",
                    (rs, row) -> new Reading(rs.getLong(1), rs.getString(2)), deviceId, first, first + "\n%");
            if (readings.isEmpty()) {
                return Optional.<String>empty();
            }
            Reading reading = readings.getFirst();
            List<String> notes = new ArrayList<>(StoredNote.notes(reading.note()));
            List<String> added = contextNotes.stream().filter(note -> !note.startsWith(SEQUENCE_NOTE)).toList();
            if (!notes.containsAll(StoredNote.fitting(added))) {
                notes.addAll(added);
                jdbc.update("UPDATE observation SET note = ? WHERE id = ?",
                        StoredNote.column(StoredNote.fitting(notes)), reading.id());
            }
            return Optional.of(Long.toString(reading.id()));
        });
    }

    /** Newly stored readings: a glucose reading whose context is held gets it now. */
    private void stored(List<ObservationRecord> records) {
        for (ObservationRecord record : records) {
            Integer sequence = sequenceOf(record);
            if (sequence == null) {
                continue;
            }
            lock.lock();
            try {
                Waiting waiting = held.remove(new Key(record.deviceId(), sequence));
                if (waiting != null) {
                    Optional<String> reading = attach(record.deviceId(), sequence, waiting.notes());
                    log.debug("event=ingest.glucose_context_joined device={} observation={}", record.deviceId(),
                            reading.orElse(null));
                }
            } finally {
                lock.unlock();
            }
        }
    }

    private static Integer sequenceOf(ObservationRecord record) {
        String type = record.measurement().type().alias();
        if (!type.equals("blood-glucose") && !type.equals("cgm-glucose") || record.notes().isEmpty()
                || !record.notes().getFirst().startsWith(SEQUENCE_NOTE)) {
            return null;
        }
        try {
            return Integer.parseInt(record.notes().getFirst().substring(SEQUENCE_NOTE.length()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Contexts whose hold has ended go to the dead-letter list. */
    void expire() {
        List<Map.Entry<Key, Waiting>> expired = new ArrayList<>();
        Instant now = clock.instant();
        lock.lock();
        try {
            Iterator<Map.Entry<Key, Waiting>> entries = held.entrySet().iterator();
            while (entries.hasNext()) {
                Map.Entry<Key, Waiting> entry = entries.next();
                if (entry.getValue().until().isAfter(now)) {
                    break;
                }
                expired.add(entry);
                entries.remove();
            }
        } finally {
            lock.unlock();
        }
        for (Map.Entry<Key, Waiting> entry : expired) {
            try {
                IngestRequest request = entry.getValue().request();
                String code = ErrorCode.CONTEXT_WITHOUT_MEASUREMENT.code();
                deadLetters.keep(request, code, "No Glucose Measurement (2A18) with sequence number "
                        + entry.getKey().sequence() + " arrived from this device within " + seconds(settings.hold())
                        + " of its Glucose Measurement Context (2A34), which was held for it and is now dropped: a"
                        + " context holds no measurement of its own. Send the measurement, then the context.",
                        "sequence number at byte 1");
                metrics.rejected(request.transport(), code);
                log.info("event=ingest.rejected device={} transport={} code={} section=glucose_context_expired",
                        request.deviceId(), request.transport(), code);
            } catch (RuntimeException e) {
                log.warn("event=ingest.glucose_context_expiry_failed device={}", entry.getKey().deviceId(), e);
            }
        }
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    @Override
    public void destroy() throws Exception {
        sweeper.shutdownNow();
        subscription.close();
    }

    private record Reading(long id, String note) {}
}
