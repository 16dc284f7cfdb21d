package io.vigil.server.medication;

import io.vigil.server.VigilProperties;
import io.vigil.server.api.ApiErrors;
import io.vigil.server.api.ProblemHandler;
import io.vigil.server.audit.AuditEvent;
import io.vigil.server.audit.AuditTrail;
import io.vigil.server.device.DeviceCheck;
import io.vigil.server.device.DeviceStore;
import io.vigil.server.ingest.IngestRequest;
import io.vigil.server.ingest.IngestResult;
import io.vigil.server.ingest.IngestService;
import io.vigil.server.ingest.Transport;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Dispenser events over HTTP: {@code POST /api/v1/devices/{id}/events} with the device secret as Bearer token, the
 * same JSON as on MQTT. 201 with the stored events' ids (a repeated event id is counted as a duplicate, not stored
 * twice); 422 problem+json with VIGIL-1850/1851 for a payload refused (and dead-lettered); 401 for a bad secret.
 */
@RestController
class DispenserEventController {
    record Stored(List<String> events, int duplicates) {}

    private final DispenserEvents events;
    private final DeviceStore devices;
    private final IngestService ingest;
    private final AuditTrail audit;
    private final Clock clock;
    private final int maxPayloadBytes;

    DispenserEventController(DispenserEvents events, DeviceStore devices, IngestService ingest, AuditTrail audit,
                             Clock clock, VigilProperties properties) {
        this.events = events;
        this.devices = devices;
        this.ingest = ingest;
        this.audit = audit;
        this.clock = clock;
        this.maxPayloadBytes = properties.ingest().maxPayloadBytes();
    }

    @PostMapping("/api/v1/devices/{id}/events")
    ResponseEntity<?> events(@PathVariable String id, HttpServletRequest http) throws IOException {
        byte[] payload = http.getInputStream().readNBytes(maxPayloadBytes + 1);
        IngestRequest request = new IngestRequest(id, Transport.HTTP, http.getRequestURI(), payload, clock.instant());
        DeviceCheck check = devices.check(id, bearer(http.getHeader(HttpHeaders.AUTHORIZATION)));
        if (check != DeviceCheck.ACCEPTED) {
            audit.record(AuditEvent.deviceRefused(clock.instant(), id, check == DeviceCheck.REVOKED, http.getRemoteAddr(),
                    "POST /api/v1/devices/{id}/events"));
            IngestResult.Rejected refused = check == DeviceCheck.REVOKED
                    ? ingest.refuse(request, ApiErrors.DEVICE_REVOKED, "This device has been revoked")
                    : ingest.refuse(request, ApiErrors.DEVICE_NOT_AUTHENTICATED,
                    "Device authentication failed: send the device secret as 'Authorization: Bearer <secret>'");
            return ProblemHandler.problem(HttpStatus.UNAUTHORIZED, refused.code(), refused.reason(), null);
        }
        if (payload.length > maxPayloadBytes) {
            IngestResult.Rejected refused = ingest.refuse(request, ApiErrors.DISPENSER_EVENT_INVALID,
                    "The payload is larger than vigil.ingest.max-payload-bytes");
            return ProblemHandler.problem(HttpStatus.CONTENT_TOO_LARGE, refused.code(), refused.reason(), null);
        }
        return switch (events.accept(request)) {
            case IngestResult.Accepted accepted -> ResponseEntity.status(HttpStatus.CREATED)
                    .body(new Stored(accepted.observationIds(), accepted.duplicates()));
            case IngestResult.Rejected rejected -> ProblemHandler.problem(HttpStatus.UNPROCESSABLE_CONTENT, rejected.code(),
                    rejected.reason(), rejected.field());
        };
    }

    private static String bearer(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return header.substring(7).trim();
    }
}
