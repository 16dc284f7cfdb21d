package io.vigil.server.access;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** Emergency access to one patient outside the caller's care teams: given with a reason, for a limited time. */
@Repository
public class BreakGlassGrants {
    /** One grant. */
    public record Grant(String id, String username, String patientId, String reason, Instant openedAt, Instant expiresAt) {}

    private static final RowMapper<Grant> ROW = (rs, n) -> new Grant(rs.getString("id"), rs.getString("username"),
            rs.getString("patient_id"), rs.getString("reason"), rs.getTimestamp("opened_at").toInstant(),
            rs.getTimestamp("expires_at").toInstant());

    private final JdbcTemplate jdbc;
    private final Clock clock;

    BreakGlassGrants(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Grant open(String username, String patientId, String reason, Duration lasting) {
        Instant now = clock.instant();
        Grant grant = new Grant(UUID.randomUUID().toString(), username, patientId, reason, now, now.plus(lasting));
        jdbc.update("INSERT INTO break_glass (id, username, patient_id, reason, opened_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)",
                grant.id(), username, patientId, reason, Timestamp.from(now), Timestamp.from(grant.expiresAt()));
        return grant;
    }

    /** The patients this user holds an unexpired grant for. */
    public Set<String> openFor(String username) {
        return new TreeSet<>(jdbc.queryForList("SELECT DISTINCT patient_id FROM break_glass WHERE username = ? AND expires_at > ?",
                String.class, username, Timestamp.from(clock.instant())));
    }

    /** Whether this user sees this patient only because of a grant. */
    public boolean isOpen(String username, String patientId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM break_glass WHERE username = ? AND patient_id = ? AND expires_at > ?",
                Integer.class, username, patientId, Timestamp.from(clock.instant())) > 0;
    }

    /** Grants opened in the last {@code within}, newest first (for review by an administrator). */
    public List<Grant> recent(Duration within) {
        return jdbc.query("SELECT * FROM break_glass WHERE opened_at > ? ORDER BY opened_at DESC", ROW,
                Timestamp.from(clock.instant().minus(within)));
    }
}
