package io.vigil.server.ingest;

import io.vigil.codec.ErrorCode;
import io.vigil.server.VigilProperties;
import io.vigil.server.api.ApiErrors;
import io.vigil.server.api.ProblemHandler;
import io.vigil.server.audit.AuditEvent;
import io.vigil.server.audit.AuditTrail;
import io.vigil.server.device.DeviceCheck;
import io.vigil.server.device.DeviceStore;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * HTTP device ingest with the device secret as Bearer token: {@code POST /api/v1/devices/{id}/measurements}
 * (device JSON) and {@code POST /api/v1/devices/{id}/ble/{uuid}} (a raw GATT characteristic value,
 * {@code application/octet-stream}) and {@code POST /api/v1/devices/{id}/raw/{template}} (a vendor's JSON through a
 * mapping template) and {@code POST /api/v1/devices/{id}/waveform/{signal}} (a waveform frame). Answers 201 only after the readings are durably stored. Accepted messages
 * are not audited one by one (the metrics count them); a device that fails to authenticate is. Over its rate limit
 * a device gets 429 with {@code Retry-After}, and so does every device while Vigil is saturated
 * ({@link ApiErrors#SATURATED}, see {@link IngestBackpressure}); a payload over {@code vigil.ingest.max-payload-bytes} gets 413.
 */
@RestController
class DeviceIngestController {

    record Stored(List<String> observations, int duplicates) {}

    private final IngestService ingest;
    private final DeviceStore devices;
    private final Clock clock;
    private final int maxPayloadBytes;
    private final AuditTrail audit;

    DeviceIngestController(IngestService ingest, DeviceStore devices, Clock clock, VigilProperties properties,
                           AuditTrail audit) {
        this.audit = audit;
        this.ingest = ingest;
        this.devices = devices;
        this.clock = clock;
        this.maxPayloadBytes = properties.ingest().maxPayloadBytes();
    }

    @PostMapping("/api/v1/devices/{id}/measurements")
    CompletableFuture<ResponseEntity<?>> measurements(@PathVariable String id, HttpServletRequest http) throws IOException {
        return ingest(id, http, PayloadFormat.DEVICE_JSON);
    }

    @PostMapping("/api/v1/devices/{id}/ble/{uuid}")
    CompletableFuture<ResponseEntity<?>> gattValue(@PathVariable String id, @PathVariable String uuid,
                                                   HttpServletRequest http) throws IOException {
        return ingest(id, http, new PayloadFormat.GattCharacteristic(uuid));
    }

    @PostMapping("/api/v1/devices/{id}/raw/{template}")
    CompletableFuture<ResponseEntity<?>> vendorJson(@PathVariable String id, @PathVariable String template,
                                                    HttpServletRequest http) throws IOException {
        return ingest(id, http, new PayloadFormat.VendorJson(template));
    }

    /** A waveform frame: Vigil's binary frame, or its JSON form when sent as {@code application/json}. */
    @PostMapping("/api/v1/devices/{id}/waveform/{signal}")
    CompletableFuture<ResponseEntity<?>> waveform(@PathVariable String id, @PathVariable String signal,
                                                  HttpServletRequest http) throws IOException {
        String type = http.getContentType();
        boolean json = type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json");
        return ingest(id, http, new PayloadFormat.Waveform(signal, json));
    }

    private CompletableFuture<ResponseEntity<?>> ingest(String id, HttpServletRequest http, PayloadFormat format)
            throws IOException {
        // At most one byte over the limit is read: enough for the ingest pipeline to refuse it as too large.
        byte[] payload = http.getInputStream().readNBytes(maxPayloadBytes + 1);
        IngestRequest request = new IngestRequest(id, Transport.HTTP, http.getRequestURI(), payload, clock.instant(), format);
        DeviceCheck check = devices.check(id, bearer(http.getHeader(HttpHeaders.AUTHORIZATION)));
        if (check != DeviceCheck.ACCEPTED) {
            audit.record(AuditEvent.deviceRefused(clock.instant(), id, check == DeviceCheck.REVOKED, http.getRemoteAddr(),
                    "POST " + http.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE)));
        }
        if (check == DeviceCheck.REVOKED) {
            IngestResult.Rejected refused = ingest.refuse(request, ApiErrors.DEVICE_REVOKED, "This device has been revoked");
            return CompletableFuture.completedFuture(problem(HttpStatus.UNAUTHORIZED, refused));
        }
        if (check != DeviceCheck.ACCEPTED) {
            IngestResult.Rejected refused = ingest.refuse(request, ApiErrors.DEVICE_NOT_AUTHENTICATED,
                    "Device authentication failed: send the device secret as 'Authorization: Bearer <secret>'");
            return CompletableFuture.completedFuture(problem(HttpStatus.UNAUTHORIZED, refused));
        }
        return ingest.ingest(request).thenApply(result -> switch (result) {
            case IngestResult.Accepted accepted -> ResponseEntity.status(HttpStatus.CREATED)
                    .body(new Stored(accepted.observationIds(), accepted.duplicates()));
            case IngestResult.Rejected rejected when ApiErrors.RATE_LIMITED.equals(rejected.code()) -> rateLimited(id, rejected);
            case IngestResult.Rejected rejected when ApiErrors.SATURATED.equals(rejected.code()) ->
                    tooManyRequests(rejected, ingest.retryAfterSaturated());
            case IngestResult.Rejected rejected -> problem(statusOf(rejected.code()), rejected);
        });
    }

    /** 429 with the seconds until the device's allowance admits its next payload. */
    private ResponseEntity<?> rateLimited(String deviceId, IngestResult.Rejected rejected) {
        return tooManyRequests(rejected, Math.max(1, (ingest.waitBeforeNext(deviceId).toMillis() + 999) / 1000));
    }

    /** 429 with {@code Retry-After} in seconds: over the device's rate limit, or Vigil saturated. */
    private static ResponseEntity<?> tooManyRequests(IngestResult.Rejected rejected, long seconds) {
        ResponseEntity<ProblemDetail> problem = problem(HttpStatus.TOO_MANY_REQUESTS, rejected);
        return ResponseEntity.status(problem.getStatusCode()).headers(problem.getHeaders())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds)).body(problem.getBody());
    }

    private static HttpStatus statusOf(String code) {
        if (ApiErrors.INGEST_UNAVAILABLE.equals(code)) {
            return HttpStatus.SERVICE_UNAVAILABLE;
        }
        return ErrorCode.PAYLOAD_TOO_LARGE.code().equals(code) ? HttpStatus.CONTENT_TOO_LARGE : HttpStatus.UNPROCESSABLE_CONTENT;
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, IngestResult.Rejected rejected) {
        return ProblemHandler.problem(status, rejected.code(), rejected.reason(), rejected.field());
    }

    private static String bearer(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return header.substring(7).trim();
    }
}
