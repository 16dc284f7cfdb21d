package io.vigil.server.observation;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The day partitions of observation and observation_component on PostgreSQL (one per UTC day, named
 * {@code observation_pYYYYMMDD}): created ahead of time by a repeating task, on demand for a late or early reading,
 * and dropped whole once the day is past {@code vigil.storage.retention} — never a DELETE scan. On H2, which has no
 * partitions, retention deletes by effective time instead.
 */
@Component
public class ObservationPartitions implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(ObservationPartitions.class);
    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.BASIC_ISO_DATE;
    private static final List<String> TABLES = List.of("observation", "observation_component");

    private final JdbcTemplate jdbc;
    private final StorageProperties properties;
    private final Clock clock;
    private final Set<LocalDate> days = ConcurrentHashMap.newKeySet();
    private volatile Boolean partitioned;
    private volatile ScheduledExecutorService ticker;

    ObservationPartitions(JdbcTemplate jdbc, StorageProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** Whether readings are stored in day partitions (PostgreSQL after migration V25). */
    public boolean partitioned() {
        Boolean known = partitioned;
        if (known == null) {
            known = jdbc.execute((ConnectionCallback<Boolean>) c -> c.getMetaData().getDatabaseProductName()
                    .toLowerCase().contains("postgres"))
                    && Boolean.TRUE.equals(jdbc.queryForObject(
                    "SELECT EXISTS (SELECT 1 FROM pg_partitioned_table WHERE partrelid = to_regclass('observation'))", Boolean.class));
            if (known) {
                days.addAll(load());
            }
            partitioned = known;
        }
        return known;
    }

    /** Makes sure a partition holds each of these effective times (no-op on H2, or when all exist). */
    public void ensure(Collection<Instant> times) {
        if (!partitioned()) {
            return;
        }
        for (Instant time : times) {
            LocalDate day = time.atOffset(ZoneOffset.UTC).toLocalDate();
            if (!days.contains(day)) {
                create(day);
            }
        }
    }

    /** The days that have a partition, oldest first (empty on H2). */
    public List<LocalDate> days() {
        return partitioned() ? List.copyOf(new TreeSet<>(load())) : List.of();
    }

    /**
     * Creates the partitions from yesterday to {@code partitions-ahead} days ahead, then applies retention.
     *
     * @return the days whose readings were dropped (PostgreSQL), or empty
     */
    public synchronized List<LocalDate> maintain() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        if (partitioned()) {
            for (LocalDate day = today.minusDays(1); !day.isAfter(today.plusDays(properties.partitionsAhead())); day = day.plusDays(1)) {
                if (!days.contains(day)) {
                    create(day);
                }
            }
        }
        return properties.keepForever() ? List.of() : retire(clock.instant().minus(properties.retention()));
    }

    private List<LocalDate> retire(Instant cutoff) {
        if (!partitioned()) {
            Timestamp before = Timestamp.from(cutoff);
            jdbc.update("DELETE FROM observation_component WHERE effective_at < ?", before);
            int removed = jdbc.update("DELETE FROM observation WHERE effective_at < ?", before);
            jdbc.update("DELETE FROM observation_latest WHERE effective_at < ?", before);
            if (removed > 0) {
                log.info("event=storage.retention_deleted readings={}", removed);
            }
            return List.of();
        }
        List<LocalDate> dropped = new ArrayList<>();
        for (LocalDate day : new TreeSet<>(load())) {
            if (day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).isAfter(cutoff)) {
                break;
            }
            for (String table : TABLES) {
                String partition = table + "_p" + SUFFIX.format(day);
                try {
                    jdbc.execute("ALTER TABLE " + table + " DETACH PARTITION " + partition + " CONCURRENTLY");
                } catch (DataAccessException e) {
                    log.debug("event=storage.detach_concurrently_failed partition={}", partition, e);
                }
                jdbc.execute("DROP TABLE IF EXISTS " + partition);
            }
            days.remove(day);
            dropped.add(day);
            log.info("event=storage.partition_dropped day={}", day);
        }
        if (!dropped.isEmpty()) {
            // A newest reading that was dropped leaves no older one of its kind behind: forget it (a small table).
            jdbc.update("DELETE FROM observation_latest WHERE effective_at < ?",
                    Timestamp.from(dropped.getLast().plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC)));
        }
        return dropped;
    }

    private void create(LocalDate day) {
        String from = day + " 00:00:00+00";
        String to = day.plusDays(1) + " 00:00:00+00";
        for (String table : TABLES) {
            String partition = table + "_p" + SUFFIX.format(day);
            try {
                jdbc.execute("CREATE TABLE IF NOT EXISTS " + partition + " PARTITION OF " + table
                        + " FOR VALUES FROM ('" + from + "') TO ('" + to + "')");
            } catch (DataAccessException e) {
                // Another node created it at the same moment: fine if it now exists.
                if (jdbc.queryForObject("SELECT to_regclass(?) IS NOT NULL", Boolean.class, partition) != Boolean.TRUE) {
                    throw e;
                }
            }
        }
        days.add(day);
        log.info("event=storage.partition_created day={}", day);
    }

    private List<LocalDate> load() {
        List<LocalDate> found = new ArrayList<>();
        for (String name : jdbc.queryForList("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                + "WHERE i.inhparent = to_regclass('observation')", String.class)) {
            try {
                found.add(LocalDate.parse(name.substring("observation_p".length()), SUFFIX));
            } catch (DateTimeParseException | IndexOutOfBoundsException e) {
                log.debug("event=storage.partition_unknown name={}", name);
            }
        }
        return found;
    }

    @Override
    public void start() {
        maintain();
        ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(
                t -> Thread.ofPlatform().name("vigil-storage-maintenance").daemon().unstarted(t));
        long every = properties.maintenance().toMillis();
        s.scheduleWithFixedDelay(() -> {
            try {
                maintain();
            } catch (RuntimeException e) {
                log.warn("event=storage.maintenance_failed", e);
            }
        }, every, every, TimeUnit.MILLISECONDS);
        ticker = s;
    }

    @Override
    public void stop() {
        ScheduledExecutorService s = ticker;
        ticker = null;
        if (s != null) {
            s.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return ticker != null;
    }
}
