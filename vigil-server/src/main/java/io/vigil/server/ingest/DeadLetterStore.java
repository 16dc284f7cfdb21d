package io.vigil.server.ingest;

import io.vigil.server.observation.ObservationIds;
import java.sql.Timestamp;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** Every refused payload with its reason: nothing a device sends disappears. */
@Repository
public class DeadLetterStore {
    private static final int MAX_REASON = 1000;
    private static final RowMapper<DeadLetter> ROW = (rs, n) -> new DeadLetter(Long.toString(rs.getLong("id")),
            rs.getTimestamp("received_at").toInstant(), rs.getString("device_id"), rs.getString("transport"),
            rs.getString("topic"), rs.getString("error_code"), rs.getString("reason"), rs.getString("field"),
            rs.getBytes("payload"));

    private final JdbcTemplate jdbc;
    private final ObservationIds ids;

    DeadLetterStore(JdbcTemplate jdbc, ObservationIds ids) {
        this.jdbc = jdbc;
        this.ids = ids;
    }

    /** Keeps a refused payload. {@code device} may be null when the sender could not be identified. */
    public void keep(IngestRequest request, String code, String reason, String field) {
        jdbc.update("INSERT INTO dead_letter (id, received_at, device_id, transport, topic, error_code, reason, field, payload) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                ids.next(), Timestamp.from(request.receivedAt()), request.deviceId(), request.transport().name(),
                truncate(request.topic(), 256), code, truncate(reason, MAX_REASON), truncate(field, 256), request.payload());
    }

    public List<DeadLetter> recent(String device, int limit) {
        if (device != null) {
            return jdbc.query("SELECT * FROM dead_letter WHERE device_id = ? ORDER BY received_at DESC, id DESC FETCH FIRST ? ROWS ONLY",
                    ROW, device, limit);
        }
        return jdbc.query("SELECT * FROM dead_letter ORDER BY received_at DESC, id DESC FETCH FIRST ? ROWS ONLY", ROW, limit);
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
