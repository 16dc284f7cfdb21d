package io.vigil.server.edge;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Upstream: which devices each edge gateway account may forward for, and the roster it syncs — those devices (with
 * their secrets' hashes, so a device uses one secret at the edge and upstream), their assignments and patients.
 */
@Repository
class EdgeRegistrations {
    private final JdbcTemplate jdbc;

    EdgeRegistrations(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The gateway the device is registered under, if any. */
    Optional<String> gatewayOf(String deviceId) {
        return jdbc.queryForList("SELECT gateway FROM edge_gateway_device WHERE device_id = ?", String.class, deviceId)
                .stream().findFirst();
    }

    boolean isUnder(String deviceId, String gateway) {
        return gatewayOf(deviceId).filter(gateway::equals).isPresent();
    }

    void register(String deviceId, String gateway, Instant at) {
        jdbc.update("INSERT INTO edge_gateway_device (device_id, gateway, registered_at) VALUES (?, ?, ?)", deviceId,
                gateway, Timestamp.from(at));
    }

    boolean unregister(String deviceId, String gateway) {
        return jdbc.update("DELETE FROM edge_gateway_device WHERE device_id = ? AND gateway = ?", deviceId, gateway) > 0;
    }

    List<String> devicesOf(String gateway) {
        return jdbc.queryForList("SELECT device_id FROM edge_gateway_device WHERE gateway = ? ORDER BY device_id",
                String.class, gateway);
    }

    /** Whether a device under the gateway was ever assigned to the patient. */
    boolean coversPatient(String gateway, String patient) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM edge_gateway_device g JOIN device_assignment a "
                + "ON a.device_id = g.device_id WHERE g.gateway = ? AND a.patient_id = ?", Integer.class, gateway, patient);
        return n != null && n > 0;
    }

    /** The roster: devices, assignments and patients behind the gateway. */
    Roster roster(String gateway) {
        String devices = "SELECT device_id FROM edge_gateway_device WHERE gateway = ?";
        return new Roster(
                jdbc.query("SELECT * FROM device WHERE id IN (" + devices + ") ORDER BY id", (rs, n) -> new Roster.Device(
                        rs.getString("id"), rs.getString("device_type"), rs.getString("manufacturer"),
                        rs.getString("model"), rs.getString("serial"), rs.getString("status"),
                        rs.getString("secret_hash"), rs.getTimestamp("created_at").toInstant()), gateway),
                jdbc.query("SELECT * FROM device_assignment WHERE device_id IN (" + devices + ") ORDER BY starts_at",
                        (rs, n) -> new Roster.Assignment(rs.getString("id"), rs.getString("device_id"),
                                rs.getString("patient_id"), rs.getTimestamp("starts_at").toInstant(),
                                Optional.ofNullable(rs.getTimestamp("ends_at")).map(Timestamp::toInstant).orElse(null)),
                        gateway),
                jdbc.query("SELECT * FROM patient WHERE id IN (SELECT patient_id FROM device_assignment WHERE device_id IN ("
                        + devices + ")) ORDER BY id", (rs, n) -> new Roster.Patient(rs.getString("id"), rs.getString("mrn"),
                        rs.getString("given_name"), rs.getString("family_name"),
                        Optional.ofNullable(rs.getDate("birth_date")).map(java.sql.Date::toLocalDate).orElse(null),
                        rs.getString("sex"), rs.getString("care_unit"), rs.getString("bed"),
                        rs.getTimestamp("created_at").toInstant()), gateway));
    }
}
