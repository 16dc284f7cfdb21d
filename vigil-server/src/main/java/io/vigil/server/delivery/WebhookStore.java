package io.vigil.server.delivery;

import io.vigil.analytics.alert.AlertPriority;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Webhooks (and subscriptions) and their deliveries, in the database. */
@Repository
public class WebhookStore {
    static final int LONGEST_LIST = 500;

    /** One delivery of one alert change to one webhook. */
    public record Delivery(String id, String webhookId, String alertId, String patientId, String action, String body,
                           String state, int attempts, Instant createdAt, Instant nextAttemptAt, Instant lastAttemptAt,
                           Instant deliveredAt, String lastError) {}

    private static final RowMapper<Webhook> HOOK = (rs, n) -> new Webhook(rs.getString("id"),
            Webhook.Kind.ofCode(rs.getString("kind")), rs.getString("owner"), rs.getString("url"),
            rs.getString("secret"), rs.getString("patient_id"),
            rs.getString("min_priority") == null ? null : AlertPriority.ofCode(rs.getString("min_priority")).orElseThrow(),
            Set.of(rs.getString("actions").split(",")), rs.getString("payload"),
            rs.getString("headers") == null ? List.of() : Arrays.asList(rs.getString("headers").split("\n")),
            rs.getString("criteria"), instant(rs, "created_at"), rs.getBoolean("active"));

    private static final RowMapper<Delivery> DELIVERY = (rs, n) -> new Delivery(rs.getString("id"),
            rs.getString("webhook_id"), rs.getString("alert_id"), rs.getString("patient_id"), rs.getString("action"),
            rs.getString("body"), rs.getString("state"), rs.getInt("attempts"), instant(rs, "created_at"),
            instant(rs, "next_attempt_at"), instant(rs, "last_attempt_at"), instant(rs, "delivered_at"),
            rs.getString("last_error"));

    private final JdbcTemplate jdbc;
    /**
     * The active webhooks, read once and kept until one is created or deactivated: the dispatcher consults them for
     * every alert change. Null when they are to be read again. A read that began before a change is not kept
     * ({@link #changes} moved on meanwhile).
     */
    private volatile List<Webhook> active;
    private final AtomicLong changes = new AtomicLong();

    WebhookStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Forgets the cached active webhooks, now and — when the change is part of a transaction — again once it has
     * committed or rolled back, so a read between the change and its commit cannot keep the old list.
     */
    private void activeChanged() {
        forgetActive();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    forgetActive();
                }
            });
        }
    }

    public void create(Webhook w) {
        jdbc.update("INSERT INTO webhook (id, kind, owner, url, secret, patient_id, min_priority, actions, payload, "
                        + "headers, criteria, created_at, active) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                w.id(), w.kind().code(), w.owner(), w.url(), w.secret(), w.patient(),
                w.minPriority() == null ? null : w.minPriority().code(), String.join(",", w.actions().stream().sorted().toList()),
                w.payload(), w.headers().isEmpty() ? null : String.join("\n", w.headers()), w.criteria(),
                Timestamp.from(w.createdAt()), w.active());
        activeChanged();
    }

    public Optional<Webhook> find(String id) {
        return jdbc.query("SELECT * FROM webhook WHERE id = ?", HOOK, id).stream().findFirst();
    }

    /** Active webhooks of a kind, of one owner (null: every owner). */
    public List<Webhook> list(Webhook.Kind kind, String owner) {
        return owner == null
                ? jdbc.query("SELECT * FROM webhook WHERE kind = ? AND active = TRUE ORDER BY created_at", HOOK, kind.code())
                : jdbc.query("SELECT * FROM webhook WHERE kind = ? AND owner = ? AND active = TRUE ORDER BY created_at",
                        HOOK, kind.code(), owner);
    }

    private void forgetActive() {
        synchronized (changes) {
            changes.incrementAndGet();
            active = null;
        }
    }

    /** The active webhooks of every kind (cached; see {@link #activeChanged}). */
    List<Webhook> active() {
        List<Webhook> cached = active;
        if (cached == null) {
            long before = changes.get();
            cached = List.copyOf(jdbc.query("SELECT * FROM webhook WHERE active = TRUE", HOOK));
            synchronized (changes) {
                if (changes.get() == before) {
                    active = cached;
                }
            }
        }
        return cached;
    }

    /** Stops a webhook: no new deliveries; those waiting for a retry are cancelled. Dead letters stay. */
    public boolean deactivate(String id) {
        boolean changed = jdbc.update("UPDATE webhook SET active = FALSE WHERE id = ? AND active = TRUE", id) == 1;
        activeChanged();
        jdbc.update("UPDATE webhook_delivery SET state = 'cancelled' WHERE webhook_id = ? AND state = 'pending'", id);
        return changed;
    }

    void enqueue(Delivery d) {
        jdbc.update("INSERT INTO webhook_delivery (id, webhook_id, alert_id, patient_id, action, body, state, attempts, "
                        + "created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)",
                d.id(), d.webhookId(), d.alertId(), d.patientId(), d.action(), d.body(), Timestamp.from(d.createdAt()),
                Timestamp.from(d.nextAttemptAt()));
    }

    /** Pending deliveries due by {@code now}, oldest first. */
    List<Delivery> due(Instant now, int limit) {
        return jdbc.query("SELECT * FROM webhook_delivery WHERE state = 'pending' AND next_attempt_at <= ? "
                + "ORDER BY next_attempt_at, id FETCH FIRST " + limit + " ROWS ONLY", DELIVERY, Timestamp.from(now));
    }

    void delivered(String id, int attempts, Instant at) {
        jdbc.update("UPDATE webhook_delivery SET state = 'delivered', attempts = ?, last_attempt_at = ?, delivered_at = ?, "
                + "last_error = NULL WHERE id = ?", attempts, Timestamp.from(at), Timestamp.from(at), id);
    }

    void failed(String id, int attempts, Instant at, String error, Instant next, boolean dead) {
        jdbc.update("UPDATE webhook_delivery SET state = ?, attempts = ?, last_attempt_at = ?, next_attempt_at = ?, "
                        + "last_error = ? WHERE id = ?", dead ? "dead" : "pending", attempts, Timestamp.from(at),
                Timestamp.from(next), error.length() > 500 ? error.substring(0, 500) : error, id);
    }

    /** Dead letters, newest first; of the webhooks of one owner (null: every owner). */
    public List<Delivery> deadLetters(String owner) {
        String sql = "SELECT d.* FROM webhook_delivery d JOIN webhook w ON w.id = d.webhook_id WHERE d.state = 'dead'"
                + (owner == null ? "" : " AND w.owner = ?") + " ORDER BY d.last_attempt_at DESC FETCH FIRST "
                + LONGEST_LIST + " ROWS ONLY";
        return owner == null ? jdbc.query(sql, DELIVERY) : jdbc.query(sql, DELIVERY, owner);
    }

    public Optional<Delivery> delivery(String id) {
        return jdbc.query("SELECT * FROM webhook_delivery WHERE id = ?", DELIVERY, id).stream().findFirst();
    }

    /** Puts a dead letter back in the queue, due now, with a fresh retry window; false if it is not dead. */
    public boolean replay(String id, Instant now) {
        return jdbc.update("UPDATE webhook_delivery SET state = 'pending', attempts = 0, created_at = ?, "
                + "next_attempt_at = ? WHERE id = ? AND state = 'dead'", Timestamp.from(now), Timestamp.from(now), id) == 1;
    }

    /** Replays every dead letter of a webhook (null: of every webhook); how many. */
    public int replayAll(String webhookId, Instant now) {
        String sql = "UPDATE webhook_delivery SET state = 'pending', attempts = 0, created_at = ?, next_attempt_at = ? "
                + "WHERE state = 'dead'" + (webhookId == null ? "" : " AND webhook_id = ?");
        return webhookId == null ? jdbc.update(sql, Timestamp.from(now), Timestamp.from(now))
                : jdbc.update(sql, Timestamp.from(now), Timestamp.from(now), webhookId);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
