package io.vigil.server.device;

import io.vigil.model.DeviceAssignment;
import io.vigil.model.DeviceRecord;
import io.vigil.server.access.PatientAccess;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Device registration and assignment to patients: {@code /api/v1/devices}. Devices are read by administrators and
 * clinicians (who fix assignments); an assignment names its patient, so each caller sees only the assignments of
 * patients whose registration they may see.
 */
@RestController
@RequestMapping("/api/v1/devices")
class DeviceController {

    record Registration(String id, String type, String manufacturer, String model, String serial) {}

    record Registered(String id, String type, String secret) {}

    record NewSecret(String id, String secret) {}

    record AssignmentRequest(String patient, Instant start, Instant end) {}

    record AssignmentEnd(Instant end) {}

    record AssignmentView(String id, String device, String patient, Instant start, Instant end) {
        static AssignmentView of(DeviceAssignment a) {
            return new AssignmentView(a.id(), a.deviceId(), a.patientId(), a.start(), a.end());
        }
    }

    private final DeviceStore devices;
    private final DeviceAssignments assignments;
    private final PatientAccess access;

    DeviceController(DeviceStore devices, DeviceAssignments assignments, PatientAccess access) {
        this.devices = devices;
        this.assignments = assignments;
        this.access = access;
    }

    @PostMapping
    ResponseEntity<Registered> register(@RequestBody Registration body) {
        DeviceRecord device = new DeviceRecord(body.id(), body.type(), body.manufacturer(), body.model(), body.serial(),
                DeviceStore.ACTIVE);
        String secret = devices.register(device);
        return ResponseEntity.created(URI.create("/api/v1/devices/" + device.id()))
                .body(new Registered(device.id(), device.type(), secret));
    }

    /** A new secret, shown once; the old one stops working and the device's connections are closed. */
    @PostMapping("/{id}/secret")
    NewSecret rotateSecret(@PathVariable String id) {
        return new NewSecret(id, devices.rotateSecret(id));
    }

    /** Revokes the device: refused from now on, disconnected at once. */
    @DeleteMapping("/{id}/secret")
    ResponseEntity<Void> revoke(@PathVariable String id) {
        devices.revoke(id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping
    List<DeviceRecord> list() {
        return devices.list();
    }

    @GetMapping("/{id}")
    Map<String, Object> show(@PathVariable String id, Authentication caller) {
        DeviceRecord device = assignments.requireDevice(id);
        return Map.of("device", device, "assignments", visibleHistory(id, caller));
    }

    @PostMapping("/{id}/assignments")
    ResponseEntity<AssignmentView> assign(@PathVariable String id, @RequestBody AssignmentRequest body) {
        DeviceAssignment assignment = assignments.assign(id, body.patient(), body.start(), body.end());
        return ResponseEntity.created(URI.create("/api/v1/devices/" + id + "/assignments/" + assignment.id()))
                .body(AssignmentView.of(assignment));
    }

    @GetMapping("/{id}/assignments")
    List<AssignmentView> history(@PathVariable String id, Authentication caller) {
        assignments.requireDevice(id);
        return visibleHistory(id, caller);
    }

    @PatchMapping("/{id}/assignments/{assignmentId}")
    AssignmentView end(@PathVariable String id, @PathVariable String assignmentId, @RequestBody AssignmentEnd body) {
        return AssignmentView.of(assignments.end(id, assignmentId, body.end()));
    }

    private List<AssignmentView> visibleHistory(String deviceId, Authentication caller) {
        return assignments.history(deviceId).stream()
                .filter(a -> access.canSeeRegistration(caller, a.patientId()))
                .map(AssignmentView::of).toList();
    }
}
