package io.vigil.server.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/** The {@code audit_event} table's rows: how an event is written and read back, and how a search becomes SQL. */
final class AuditRows {
    static final String INSERT = "INSERT INTO audit_event (id, event_time, actor, actor_role, action, resource_type, "
            + "resource_id, patient_id, outcome, client_address, request, severity, previous_hash, hash) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    /** The whole chain, in chain order. */
    static final String IN_ORDER = "SELECT * FROM audit_event ORDER BY id";

    private AuditRows() {
    }

    static Object[] values(long id, AuditEvent event, String previousHash, String hash) {
        return new Object[] {id, Timestamp.from(event.time()), event.actor(), event.role(), event.action(),
                event.resourceType(), event.resourceId(), event.patientId(), event.outcome().code(),
                event.clientAddress(), event.request(), event.severity() == null ? null : event.severity().code(),
                previousHash, hash};
    }

    static AuditRecord read(ResultSet rs) throws SQLException {
        AuditEvent event = new AuditEvent(rs.getTimestamp("event_time").toInstant(), rs.getString("actor"),
                rs.getString("actor_role"), rs.getString("action"), rs.getString("resource_type"),
                rs.getString("resource_id"), rs.getString("patient_id"), AuditEvent.Outcome.of(rs.getString("outcome")),
                rs.getString("client_address"), rs.getString("request"),
                hasSeverity(rs) ? AuditEvent.Severity.of(rs.getString("severity")) : null);
        return new AuditRecord(rs.getLong("id"), event, rs.getString("previous_hash"), rs.getString("hash"));
    }

    /** Whether the row has a severity column: not when the CLI reads a database the server has not migrated yet. */
    private static boolean hasSeverity(ResultSet rs) throws SQLException {
        java.sql.ResultSetMetaData columns = rs.getMetaData();
        for (int i = 1; i <= columns.getColumnCount(); i++) {
            if ("severity".equalsIgnoreCase(columns.getColumnLabel(i))) {
                return true;
            }
        }
        return false;
    }

    /** A WHERE clause (starting with {@code WHERE}) and its arguments, appended to {@code args}. */
    static String where(AuditQuery query, List<Object> args) {
        StringBuilder sql = new StringBuilder(" WHERE 1 = 1");
        if (query.patientId() != null) {
            sql.append(" AND patient_id = ?");
            args.add(query.patientId());
        }
        if (query.actor() != null) {
            sql.append(" AND actor = ?");
            args.add(query.actor());
        }
        if (query.from() != null) {
            sql.append(" AND event_time >= ?");
            args.add(Timestamp.from(query.from()));
        }
        if (query.to() != null) {
            sql.append(" AND event_time < ?");
            args.add(Timestamp.from(query.to()));
        }
        for (List<String> group : query.actionPatterns()) {
            if (group.isEmpty()) {
                sql.append(" AND 1 = 0");
                continue;
            }
            List<String> likes = new ArrayList<>();
            for (String pattern : group) {
                likes.add("action LIKE ?");
                args.add(pattern);
            }
            sql.append(" AND (").append(String.join(" OR ", likes)).append(')');
        }
        for (String pattern : query.excludedActionPatterns()) {
            sql.append(" AND action NOT LIKE ?");
            args.add(pattern);
        }
        if (query.patientScope() != null) {
            if (query.patientScope().isEmpty()) {
                sql.append(" AND 1 = 0");
            } else {
                sql.append(" AND patient_id IN (").append(String.join(", ",
                        java.util.Collections.nCopies(query.patientScope().size(), "?"))).append(')');
                args.addAll(query.patientScope().stream().sorted().toList());
            }
        }
        return sql.toString();
    }
}
