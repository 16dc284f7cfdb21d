package io.vigil.server.edge;

import io.vigil.server.access.PatientAccess;
import io.vigil.server.api.ApiErrors;
import io.vigil.server.api.ApiException;
import io.vigil.server.device.DeviceStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Edge gateways, upstream side: administrators put devices under a gateway account
 * ({@code PUT /api/v1/edge/gateways/{gateway}/devices/{device}}); the gateway fetches its roster
 * ({@code GET /api/v1/edge/roster}). On either side, {@code GET /api/v1/patients/{id}/gaps} lists the gaps that
 * concern a patient.
 */
@RestController
class EdgeGatewayController {
    private final EdgeRegistrations registrations;
    private final DeviceStore devices;
    private final EdgeGaps gaps;
    private final PatientAccess access;
    private final Clock clock;
    private final String ownGateway;

    EdgeGatewayController(EdgeRegistrations registrations, DeviceStore devices, EdgeGaps gaps, PatientAccess access,
                          Clock clock, EdgeProperties settings) {
        this.registrations = registrations;
        this.devices = devices;
        this.gaps = gaps;
        this.access = access;
        this.clock = clock;
        this.ownGateway = settings.enabled() ? settings.gateway() : null;
    }

    @PutMapping("/api/v1/edge/gateways/{gateway}/devices/{device}")
    Map<String, String> register(@PathVariable String gateway, @PathVariable String device) {
        if (devices.find(device).isEmpty()) {
            throw ApiException.notFound("Device");
        }
        String current = registrations.gatewayOf(device).orElse(null);
        if (current == null) {
            registrations.register(device, gateway, clock.instant());
        } else if (!current.equals(gateway)) {
            throw new ApiException(HttpStatus.CONFLICT, ApiErrors.EDGE_DEVICE_IN_OTHER_GATEWAY,
                    "The device is registered under another gateway; remove it there first", "device");
        }
        return Map.of("gateway", gateway, "device", device);
    }

    @DeleteMapping("/api/v1/edge/gateways/{gateway}/devices/{device}")
    ResponseEntity<Void> unregister(@PathVariable String gateway, @PathVariable String device) {
        if (!registrations.unregister(device, gateway)) {
            throw ApiException.notFound("Registration");
        }
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/edge/gateways/{gateway}/devices")
    List<String> devicesOf(@PathVariable String gateway) {
        return registrations.devicesOf(gateway);
    }

    /** The caller's own roster: the caller is the gateway. */
    @GetMapping("/api/v1/edge/roster")
    Roster roster() {
        return registrations.roster(PatientAccess.caller().getName());
    }

    @GetMapping("/api/v1/patients/{id}/gaps")
    List<Gap> gaps(@PathVariable String id) {
        access.requireVisible(id);
        return gaps.forPatient(id, ownGateway);
    }
}
