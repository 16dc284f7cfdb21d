package io.vigil.server.alert;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** Who holds each alert (table {@code alert_assignment}): at most one person per alert. */
@Repository
class AlertAssignments {
    /** The person holding an alert, who gave it to them and when. */
    record Assignment(String assignee, String assignedBy, Instant assignedAt) {}

    private static final RowMapper<Assignment> ROW = (rs, n) -> new Assignment(rs.getString("assignee"),
            rs.getString("assigned_by"), AlertStore.instant(rs, "assigned_at"));
    /** Ids per query when reading a list's assignments (the list holds at most {@link AlertStore#LONGEST_LIST}). */
    private static final int CHUNK = 100;

    private final JdbcTemplate jdbc;

    AlertAssignments(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Assignment> of(String alertId) {
        return jdbc.query("SELECT * FROM alert_assignment WHERE alert_id = ?", ROW, alertId).stream().findFirst();
    }

    /** The assignments of these alerts, by alert id (unassigned alerts are absent). */
    Map<String, Assignment> of(Collection<String> alertIds) {
        Map<String, Assignment> found = new HashMap<>();
        List<String> ids = List.copyOf(alertIds);
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            String marks = String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"));
            jdbc.query("SELECT * FROM alert_assignment WHERE alert_id IN (" + marks + ")",
                    rs -> { found.put(rs.getString("alert_id"), ROW.mapRow(rs, 0)); }, chunk.toArray());
        }
        return found;
    }

    /** Gives the alert to {@code assignee} (replacing whoever held it). */
    void assign(String alertId, Assignment a) {
        for (int attempt = 0; attempt < 3; attempt++) {
            if (jdbc.update("UPDATE alert_assignment SET assignee = ?, assigned_by = ?, assigned_at = ? WHERE alert_id = ?",
                    a.assignee(), a.assignedBy(), AlertStore.timestamp(a.assignedAt()), alertId) == 1) {
                return;
            }
            try {
                jdbc.update("INSERT INTO alert_assignment (alert_id, assignee, assigned_by, assigned_at) VALUES (?, ?, ?, ?)",
                        alertId, a.assignee(), a.assignedBy(), AlertStore.timestamp(a.assignedAt()));
                return;
            } catch (DuplicateKeyException assignedMeanwhile) {
                // somebody assigned it between our update and insert: update theirs (last writer wins)
            }
        }
        throw new IllegalStateException("alert " + alertId + " kept being reassigned");
    }

    /** Nobody holds the alert any more; false if nobody did. */
    boolean unassign(String alertId) {
        return jdbc.update("DELETE FROM alert_assignment WHERE alert_id = ?", alertId) == 1;
    }
}
