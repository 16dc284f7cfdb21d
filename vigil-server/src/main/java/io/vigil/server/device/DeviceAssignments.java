package io.vigil.server.device;

import io.vigil.model.DeviceAssignment;
import io.vigil.model.DeviceRecord;
import io.vigil.server.api.ApiErrors;
import io.vigil.server.api.ApiException;
import io.vigil.server.observation.StoredTime;
import io.vigil.server.patient.PatientStore;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/** Giving a device to a patient for a period, and ending that period. One patient per device at any instant. */
@Service
public class DeviceAssignments {
    private static final Logger log = LoggerFactory.getLogger(DeviceAssignments.class);

    private final DeviceStore devices;
    private final AssignmentStore store;
    private final PatientStore patients;

    DeviceAssignments(DeviceStore devices, AssignmentStore store, PatientStore patients) {
        this.devices = devices;
        this.store = store;
        this.patients = patients;
    }

    public synchronized DeviceAssignment assign(String deviceId, String patientId, Instant requestedStart, Instant requestedEnd) {
        requireDevice(deviceId);
        Instant start = StoredTime.of(requestedStart);
        Instant end = StoredTime.of(requestedEnd);
        if (patientId == null || patients.find(patientId).isEmpty()) {
            throw ApiException.invalid("patient", "Patient is missing or unknown");
        }
        if (start == null) {
            throw ApiException.invalid("start", "Assignment start is required (an ISO-8601 instant)");
        }
        if (end != null && !end.isAfter(start)) {
            throw ApiException.invalid("end", "Assignment end must be after its start");
        }
        DeviceAssignment proposed = new DeviceAssignment("new", deviceId, patientId, start, end);
        for (DeviceAssignment existing : store.forDevice(deviceId)) {
            if (overlaps(existing, proposed)) {
                throw new ApiException(HttpStatus.CONFLICT, ApiErrors.CONFLICT,
                        "The device is assigned for part of this period already (assignment " + existing.id()
                                + "); end that assignment first", "start");
            }
        }
        DeviceAssignment saved = store.insert(deviceId, patientId, start, end);
        log.info("event=device.assigned device={} assignment={}", deviceId, saved.id());
        return saved;
    }

    public synchronized DeviceAssignment end(String deviceId, String assignmentId, Instant requestedEnd) {
        Instant end = StoredTime.of(requestedEnd);
        DeviceAssignment assignment = store.find(deviceId, assignmentId)
                .orElseThrow(() -> ApiException.notFound("Assignment"));
        if (end == null || !end.isAfter(assignment.start())) {
            throw ApiException.invalid("end", "Assignment end is required and must be after its start");
        }
        DeviceAssignment ended = new DeviceAssignment(assignment.id(), deviceId, assignment.patientId(), assignment.start(), end);
        for (DeviceAssignment other : store.forDevice(deviceId)) {
            if (!other.id().equals(assignmentId) && overlaps(other, ended)) {
                throw new ApiException(HttpStatus.CONFLICT, ApiErrors.CONFLICT,
                        "Ending here would overlap assignment " + other.id(), "end");
            }
        }
        store.end(assignment, end);
        log.info("event=device.unassigned device={} assignment={}", deviceId, assignmentId);
        return ended;
    }

    public List<DeviceAssignment> history(String deviceId) {
        return store.forDevice(deviceId);
    }

    DeviceRecord requireDevice(String deviceId) {
        return devices.find(deviceId).orElseThrow(() -> ApiException.notFound("Device"));
    }

    private static boolean overlaps(DeviceAssignment a, DeviceAssignment b) {
        boolean aEndsAfterBStarts = a.end() == null || a.end().isAfter(b.start());
        boolean bEndsAfterAStarts = b.end() == null || b.end().isAfter(a.start());
        return aEndsAfterBStarts && bEndsAfterAStarts;
    }
}
