package io.vigil.server.device;

import io.vigil.model.DeviceAssignment;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * Which patient had which device when. Answers "who had this device at this instant" for every reading,
 * so a late reading goes to the patient of its own time; the per-device history is cached.
 */
@Repository
public class AssignmentStore {
    private static final RowMapper<DeviceAssignment> ROW = (rs, n) -> new DeviceAssignment(rs.getString("id"),
            rs.getString("device_id"), rs.getString("patient_id"), rs.getTimestamp("starts_at").toInstant(),
            Optional.ofNullable(rs.getTimestamp("ends_at")).map(Timestamp::toInstant).orElse(null));

    private final JdbcTemplate jdbc;
    private final Map<String, List<DeviceAssignment>> byDevice = new ConcurrentHashMap<>();

    AssignmentStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    DeviceAssignment insert(String deviceId, String patientId, Instant start, Instant end) {
        DeviceAssignment assignment = new DeviceAssignment(UUID.randomUUID().toString(), deviceId, patientId, start, end);
        jdbc.update("INSERT INTO device_assignment (id, device_id, patient_id, starts_at, ends_at) VALUES (?, ?, ?, ?, ?)",
                assignment.id(), deviceId, patientId, Timestamp.from(start), end == null ? null : Timestamp.from(end));
        byDevice.remove(deviceId);
        return assignment;
    }

    void end(DeviceAssignment assignment, Instant end) {
        jdbc.update("UPDATE device_assignment SET ends_at = ? WHERE id = ?", Timestamp.from(end), assignment.id());
        byDevice.remove(assignment.deviceId());
    }

    /** The device's assignments were written by someone other than this store (an edge mirroring its upstream). */
    public void changedElsewhere(String deviceId) {
        byDevice.remove(deviceId);
    }

    public List<DeviceAssignment> forDevice(String deviceId) {
        return byDevice.computeIfAbsent(deviceId, id -> jdbc.query(
                "SELECT * FROM device_assignment WHERE device_id = ? ORDER BY starts_at", ROW, id));
    }

    public List<DeviceAssignment> forPatient(String patientId) {
        return jdbc.query("SELECT * FROM device_assignment WHERE patient_id = ? ORDER BY starts_at", ROW, patientId);
    }

    Optional<DeviceAssignment> find(String deviceId, String assignmentId) {
        return forDevice(deviceId).stream().filter(a -> a.id().equals(assignmentId)).findFirst();
    }

    /** The patient who had the device at that instant, if anyone did. */
    public Optional<String> patientAt(String deviceId, Instant time) {
        return forDevice(deviceId).stream()
                .filter(a -> a.covers(time))
                .max(Comparator.comparing(DeviceAssignment::start))
                .map(DeviceAssignment::patientId);
    }
}
