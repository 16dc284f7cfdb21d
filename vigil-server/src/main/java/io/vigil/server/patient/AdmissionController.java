package io.vigil.server.patient;

import io.vigil.model.DeviceAssignment;
import io.vigil.model.PatientRecord;
import io.vigil.server.api.ApiException;
import io.vigil.server.device.AssignmentStore;
import io.vigil.server.device.DeviceAssignments;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admission and discharge (administrators): {@code POST /api/v1/patients/{id}/admission} {@code {"unit", "bed"}}
 * admits or moves a patient (clearing a discharge); {@code POST /api/v1/patients/{id}/discharge} discharges them now —
 * no bed, off the central station and the RPM caseload, every open device assignment ended — while their record stays
 * with their unit's clinicians.
 */
@RestController
class AdmissionController {
    private static final Logger log = LoggerFactory.getLogger(AdmissionController.class);
    private static final Pattern UNIT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final int LONGEST_BED = 32;

    record Admission(String unit, String bed) {}

    private final PatientStore patients;
    private final AssignmentStore assignments;
    private final DeviceAssignments devices;
    private final Clock clock;

    AdmissionController(PatientStore patients, AssignmentStore assignments, DeviceAssignments devices, Clock clock) {
        this.patients = patients;
        this.assignments = assignments;
        this.devices = devices;
        this.clock = clock;
    }

    @PostMapping("/api/v1/patients/{id}/admission")
    PatientController.PatientView admit(@PathVariable String id, @RequestBody(required = false) Admission body) {
        require(id);
        if (body == null || body.unit() == null || !UNIT.matcher(body.unit()).matches()) {
            throw ApiException.invalid("unit", "A unit is 1–64 characters of A–Z, a–z, 0–9, '.', '_', '-'");
        }
        String bed = body.bed() == null || body.bed().isBlank() ? null : body.bed().strip();
        if (bed != null && bed.length() > LONGEST_BED) {
            throw ApiException.invalid("bed", "A bed label has at most 32 characters");
        }
        patients.admit(id, body.unit(), bed);
        log.info("event=patient.admitted patient={} unit={}", id, body.unit());
        return PatientController.PatientView.of(require(id));
    }

    @PostMapping("/api/v1/patients/{id}/discharge")
    PatientController.PatientView discharge(@PathVariable String id) {
        require(id);
        Instant now = clock.instant();
        for (DeviceAssignment a : assignments.forPatient(id)) {
            if (!a.start().isAfter(now) && (a.end() == null || a.end().isAfter(now))) {
                devices.end(a.deviceId(), a.id(), now);
            }
        }
        patients.discharge(id);
        log.info("event=patient.discharged patient={}", id);
        return PatientController.PatientView.of(require(id));
    }

    /** Ids of the discharged patients (administrators; registration data only). */
    @GetMapping("/api/v1/discharged-patients")
    List<String> discharged() {
        return patients.dischargedIds();
    }

    private PatientRecord require(String id) {
        return patients.find(id).orElseThrow(() -> ApiException.notFound("Patient"));
    }
}
