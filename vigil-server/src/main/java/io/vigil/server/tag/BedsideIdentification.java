package io.vigil.server.tag;

import io.vigil.model.DeviceAssignment;
import io.vigil.server.access.PatientAccess;
import io.vigil.server.api.ApiException;
import io.vigil.server.device.AssignmentStore;
import io.vigil.server.device.DeviceAssignments;
import io.vigil.server.observation.ObservationStore;
import io.vigil.model.ObservationRecord;
import java.net.URI;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Positive patient identification at the bedside: a clinician scans the patient's wristband, then the device (its
 * asset tag, or its id), and {@code POST /api/v1/bedside/identifications} assigns the device to that patient from
 * that moment — no typing. The accepted scans are the evidence, kept with the assignment. Both scans must be the
 * caller's own, accepted, the device's after the wristband's, and within {@value #WINDOW_MINUTES} minutes; a device
 * still assigned to someone else is released at that moment first. A reading taken after a wristband scan can be
 * confirmed as taken for that patient ({@code POST /api/v1/bedside/confirmations}).
 */
@RestController
class BedsideIdentification {
    static final int WINDOW_MINUTES = 5;
    private static final Duration WINDOW = Duration.ofMinutes(WINDOW_MINUTES);
    private static final Logger log = LoggerFactory.getLogger(BedsideIdentification.class);

    record Request(String wristbandScan, String deviceScan, String device) {}

    record Confirmation(String wristbandScan, String observation) {}

    private final TagStore tags;
    private final DeviceAssignments assignments;
    private final AssignmentStore assignmentHistory;
    private final PatientAccess access;
    private final ObservationStore observations;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    BedsideIdentification(TagStore tags, DeviceAssignments assignments, AssignmentStore assignmentHistory,
                          PatientAccess access, ObservationStore observations, JdbcTemplate jdbc, Clock clock) {
        this.observations = observations;
        this.tags = tags;
        this.assignments = assignments;
        this.assignmentHistory = assignmentHistory;
        this.access = access;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @PostMapping("/api/v1/bedside/identifications")
    ResponseEntity<Map<String, Object>> identify(@RequestBody Request body, Authentication caller) {
        Instant now = clock.instant();
        TagScan wristbandScan = evidence(body.wristbandScan(), "wristbandScan", caller, now);
        Tag wristband = tags.find(wristbandScan.uid()).map(TagStore.SealedTag::tag).orElseThrow();
        if (wristband.patient() == null) {
            throw refused("wristbandScan", "The first scan is not of a patient's wristband");
        }
        access.requireVisible(wristband.patient());
        String device = body.device();
        String deviceScanId = null;
        if (body.deviceScan() != null) {
            TagScan deviceScan = evidence(body.deviceScan(), "deviceScan", caller, now);
            Tag deviceTag = tags.find(deviceScan.uid()).map(TagStore.SealedTag::tag).orElseThrow();
            if (deviceTag.asset() == null || deviceScan.time().isBefore(wristbandScan.time())) {
                throw refused("deviceScan", "The second scan must be a device's asset tag, taken after the wristband");
            }
            if (device != null && !device.equals(deviceTag.asset())) {
                throw refused("device", "The device id differs from the scanned device tag's");
            }
            device = deviceTag.asset();
            deviceScanId = deviceScan.id();
        }
        if (device == null) {
            throw ApiException.invalid("device", "Name the device: deviceScan (its tag scanned) or device (its id)");
        }
        releaseOpenAssignment(device, now);
        DeviceAssignment assignment = assignments.assign(device, wristband.patient(), now, null);
        String id = UUID.randomUUID().toString();
        jdbc.update("INSERT INTO bedside_identification (id, patient_id, device_id, assignment_id, wristband_scan,"
                + " device_scan, identified_by, identified_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", id, wristband.patient(),
                device, assignment.id(), wristbandScan.id(), deviceScanId, caller.getName(), Timestamp.from(now));
        log.info("event=bedside.identified identification={} device={} assignment={}", id, device, assignment.id());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", id);
        answer.put("patient", wristband.patient());
        answer.put("device", device);
        answer.put("assignment", assignment.id());
        answer.put("start", assignment.start());
        answer.put("wristbandScan", wristbandScan.id());
        answer.put("deviceScan", deviceScanId);
        return ResponseEntity.created(URI.create("/api/v1/bedside/identifications/" + id)).body(answer);
    }

    /**
     * Confirms a reading as taken for the patient whose wristband the caller scanned just before it: the reading
     * belongs to that patient and was taken after the scan, within {@value #WINDOW_MINUTES} minutes.
     */
    @PostMapping("/api/v1/bedside/confirmations")
    ResponseEntity<Map<String, Object>> confirm(@RequestBody Confirmation body, Authentication caller) {
        Instant now = clock.instant();
        TagScan scan = tags.scan(body.wristbandScan() == null ? "" : body.wristbandScan())
                .filter(s -> s.accepted() && s.actor().equals(caller.getName()))
                .orElseThrow(() -> refused("wristbandScan", "Not an accepted scan of yours"));
        String patient = tags.find(scan.uid()).map(TagStore.SealedTag::tag).map(Tag::patient)
                .orElseThrow(() -> refused("wristbandScan", "The scan is not of a patient's wristband"));
        access.requireVisible(patient);
        ObservationRecord reading = observations.find(body.observation() == null ? "" : body.observation())
                .filter(o -> patient.equals(o.patientId()))
                .orElseThrow(() -> refused("observation", "Not a reading of the scanned patient"));
        Instant taken = reading.measurement().time();
        if (taken.isBefore(scan.time()) || taken.isAfter(scan.time().plus(WINDOW))) {
            throw refused("observation", "The reading was not taken within " + WINDOW_MINUTES
                    + " minutes after the wristband scan");
        }
        try {
            jdbc.update("INSERT INTO bedside_confirmation (observation_id, patient_id, wristband_scan, confirmed_by,"
                    + " confirmed_at) VALUES (?, ?, ?, ?, ?)", reading.id(), patient, scan.id(), caller.getName(),
                    Timestamp.from(now));
        } catch (org.springframework.dao.DuplicateKeyException e) {
            throw new ApiException(HttpStatus.CONFLICT, io.vigil.server.api.ApiErrors.CONFLICT,
                    "This reading is confirmed already", "observation");
        }
        log.info("event=bedside.confirmed observation={} scan={}", reading.id(), scan.id());
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("observation", reading.id(), "patient", patient,
                "wristbandScan", scan.id(), "confirmedBy", caller.getName(), "confirmedAt", now));
    }

    private void releaseOpenAssignment(String device, Instant now) {
        for (DeviceAssignment open : assignmentHistory.forDevice(device)) {
            if (open.end() == null && open.start().isBefore(now)) {
                assignments.end(device, open.id(), now);
            }
        }
    }

    private TagScan evidence(String scanId, String field, Authentication caller, Instant now) {
        TagScan scan = scanId == null ? null : tags.scan(scanId).orElse(null);
        if (scan == null || !scan.accepted() || !scan.actor().equals(caller.getName())
                || scan.time().isBefore(now.minus(WINDOW))) {
            throw refused(field, "Not an accepted scan of yours from the last " + WINDOW_MINUTES + " minutes");
        }
        return scan;
    }

    private static ApiException refused(String field, String message) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, TagErrors.SCAN_NOT_EVIDENCE, message, field);
    }
}
