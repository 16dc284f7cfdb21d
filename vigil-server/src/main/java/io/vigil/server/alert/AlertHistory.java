package io.vigil.server.alert;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Each alert's transitions, in order, and each person's acknowledgement of it. */
@Repository
class AlertHistory {

    /** One transition: what, by whom ({@code system} for the condition and the scheduler), when, into which state. */
    record Transition(String action, String actor, Instant at, String state, String detail) {}

    /** One person's acknowledgement. */
    record Acknowledgement(String user, String reason, Instant at) {}

    private final JdbcTemplate jdbc;
    /** Transition ids: increasing in time order within this node. */
    private final AtomicLong lastId;

    AlertHistory(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        Long stored = jdbc.queryForObject("SELECT MAX(id) FROM alert_transition", Long.class);
        this.lastId = new AtomicLong(Math.max(stored == null ? 0 : stored, clock.millis() * 1000));
    }

    /**
     * Appends a transition. Several nodes (scale-out) each count from their start time: should another node have
     * taken the id, this node's counter moves past the highest stored id and tries again.
     */
    void append(String alertId, Transition t) {
        for (int attempt = 1; ; attempt++) {
            try {
                jdbc.update("INSERT INTO alert_transition (id, alert_id, action, actor, at_time, state, detail) "
                                + "VALUES (?, ?, ?, ?, ?, ?, ?)", lastId.incrementAndGet(), alertId, t.action(), t.actor(),
                        AlertStore.timestamp(t.at()), t.state(), t.detail());
                return;
            } catch (DuplicateKeyException taken) {
                if (attempt == 5) {
                    throw taken;
                }
                Long stored = jdbc.queryForObject("SELECT MAX(id) FROM alert_transition", Long.class);
                lastId.accumulateAndGet(stored == null ? 0 : stored, Math::max);
            }
        }
    }

    List<Transition> transitions(String alertId) {
        return jdbc.query("SELECT * FROM alert_transition WHERE alert_id = ? ORDER BY id", (rs, n) -> new Transition(
                rs.getString("action"), rs.getString("actor"), AlertStore.instant(rs, "at_time"), rs.getString("state"),
                rs.getString("detail")), alertId);
    }

    /** Records a person's acknowledgement; false if they had already acknowledged this alert. */
    boolean acknowledge(String alertId, Acknowledgement ack) {
        try {
            jdbc.update("INSERT INTO alert_ack (alert_id, username, reason, acknowledged_at) VALUES (?, ?, ?, ?)",
                    alertId, ack.user(), ack.reason(), AlertStore.timestamp(ack.at()));
            return true;
        } catch (DuplicateKeyException already) {
            return false;
        }
    }

    List<Acknowledgement> acknowledgements(String alertId) {
        return jdbc.query("SELECT * FROM alert_ack WHERE alert_id = ? ORDER BY acknowledged_at, username",
                (rs, n) -> new Acknowledgement(rs.getString("username"), rs.getString("reason"),
                        AlertStore.instant(rs, "acknowledged_at")), alertId);
    }
}
