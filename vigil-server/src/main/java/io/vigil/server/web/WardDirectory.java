package io.vigil.server.web;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The ward page's question to the database that no feature store answers: which devices sent readings nobody
 * was assigned to. */
@Repository
class WardDirectory {
    private final JdbcTemplate jdbc;

    WardDirectory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Devices with unattributed readings, newest reading first. */
    List<UnattributedDevice> unattributed(int limit) {
        return jdbc.query("SELECT device_id, MAX(effective_at) AS last_reading FROM observation WHERE patient_id IS NULL "
                        + "GROUP BY device_id ORDER BY last_reading DESC, device_id FETCH FIRST ? ROWS ONLY",
                (rs, n) -> new UnattributedDevice(rs.getString(1), rs.getTimestamp(2).toInstant().toString()), limit);
    }
}
