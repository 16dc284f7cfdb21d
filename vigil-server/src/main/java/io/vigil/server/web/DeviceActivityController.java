package io.vigil.server.web;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * When each device was last heard from ({@code GET /api/v1/device-activity}: device id → time its newest reading was
 * received), for the device administration screen. Administrators and clinicians (the security configuration);
 * no patient data.
 */
@RestController
class DeviceActivityController {
    private final JdbcTemplate jdbc;

    DeviceActivityController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/api/v1/device-activity")
    Map<String, Instant> lastSeen() {
        Map<String, Instant> seen = new LinkedHashMap<>();
        jdbc.query("SELECT device_id, MAX(received_at) FROM observation GROUP BY device_id ORDER BY device_id",
                rs -> {
                    seen.put(rs.getString(1), rs.getTimestamp(2).toInstant());
                });
        return seen;
    }
}
