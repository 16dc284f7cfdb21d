package io.vigil.server.web;

import java.util.List;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The ward page's two questions to the database that no feature store answers: which units exist, and
 * which devices sent readings nobody was assigned to. */
@Repository
class WardDirectory {
    /** The demo's units, offered even before they have patients. */
    static final List<String> STANDARD_UNITS = List.of("ward-a", "home");

    private final JdbcTemplate jdbc;

    WardDirectory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Units with patients, plus the standard ones, sorted. */
    List<String> units() {
        TreeSet<String> units = new TreeSet<>(STANDARD_UNITS);
        units.addAll(jdbc.queryForList("SELECT DISTINCT care_unit FROM patient WHERE care_unit IS NOT NULL", String.class));
        return List.copyOf(units);
    }

    /** Devices with unattributed readings, newest reading first. */
    List<UnattributedDevice> unattributed(int limit) {
        return jdbc.query("SELECT device_id, MAX(effective_at) AS last_reading FROM observation WHERE patient_id IS NULL "
                        + "GROUP BY device_id ORDER BY last_reading DESC, device_id FETCH FIRST ? ROWS ONLY",
                (rs, n) -> new UnattributedDevice(rs.getString(1), rs.getTimestamp(2).toInstant().toString()), limit);
    }
}
