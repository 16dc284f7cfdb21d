package io.vigil.server.implant;

import io.vigil.server.VigilProperties;
import io.vigil.server.access.PatientAccess;
import io.vigil.server.api.ApiErrors;
import io.vigil.server.api.ProblemHandler;
import io.vigil.server.audit.AuditEvent;
import io.vigil.server.audit.AuditTrail;
import io.vigil.server.device.AssignmentStore;
import io.vigil.server.device.DeviceCheck;
import io.vigil.server.device.DeviceStore;
import io.vigil.server.ingest.DeadLetterStore;
import io.vigil.server.ingest.IngestRequest;
import io.vigil.server.ingest.Transport;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Implant remote-interrogation summaries: {@code POST /api/v1/devices/{id}/interrogations} (the report JSON, the
 * device's secret as Bearer, as for readings) stores the report for the patient the device was assigned to at the
 * interrogation time and hands it to {@link ImplantAlerts}; a refused report is answered problem+json and kept as a
 * dead letter. {@code GET /api/v1/patients/{id}/implant-reports} lists a patient's reports, newest first, to those
 * who may see the patient.
 */
@RestController
class ImplantController {
    private static final Logger log = LoggerFactory.getLogger(ImplantController.class);

    private final ImplantReportReader reader;
    private final ImplantReports reports;
    private final ImplantAlerts alerts;
    private final DeviceStore devices;
    private final AssignmentStore assignments;
    private final DeadLetterStore deadLetters;
    private final AuditTrail audit;
    private final PatientAccess access;
    private final Clock clock;
    private final int maxPayloadBytes;

    ImplantController(ImplantReportReader reader, ImplantReports reports, ImplantAlerts alerts, DeviceStore devices,
                      AssignmentStore assignments, DeadLetterStore deadLetters, AuditTrail audit, PatientAccess access,
                      Clock clock, VigilProperties properties) {
        this.reader = reader;
        this.reports = reports;
        this.alerts = alerts;
        this.devices = devices;
        this.assignments = assignments;
        this.deadLetters = deadLetters;
        this.audit = audit;
        this.access = access;
        this.clock = clock;
        this.maxPayloadBytes = properties.ingest().maxPayloadBytes();
    }

    @PostMapping("/api/v1/devices/{id}/interrogations")
    ResponseEntity<?> receive(@PathVariable String id, HttpServletRequest http) throws IOException {
        Instant now = clock.instant();
        byte[] payload = http.getInputStream().readNBytes(maxPayloadBytes + 1);
        IngestRequest request = new IngestRequest(id, Transport.HTTP, http.getRequestURI(), payload, now);
        DeviceCheck check = devices.check(id, bearer(http.getHeader(HttpHeaders.AUTHORIZATION)));
        if (check != DeviceCheck.ACCEPTED) {
            audit.record(AuditEvent.deviceRefused(now, id, check == DeviceCheck.REVOKED, http.getRemoteAddr(),
                    "POST /api/v1/devices/{id}/interrogations"));
            String code = check == DeviceCheck.REVOKED ? ApiErrors.DEVICE_REVOKED : ApiErrors.DEVICE_NOT_AUTHENTICATED;
            return refuse(request, HttpStatus.UNAUTHORIZED, code, check == DeviceCheck.REVOKED
                    ? "This device has been revoked"
                    : "Device authentication failed: send the device secret as 'Authorization: Bearer <secret>'", null);
        }
        if (payload.length > maxPayloadBytes) {
            return refuse(request, HttpStatus.CONTENT_TOO_LARGE, ApiErrors.IMPLANT_REPORT_MALFORMED,
                    "The report is larger than vigil.ingest.max-payload-bytes", null);
        }
        return switch (reader.read(payload)) {
            case ImplantReportReader.Outcome.Refused r -> refuse(request, HttpStatus.UNPROCESSABLE_CONTENT, r.code(),
                    r.reason(), r.field());
            case ImplantReportReader.Outcome.Ok ok -> store(request, ok.report());
        };
    }

    private ResponseEntity<?> store(IngestRequest request, ImplantReport report) {
        String device = request.deviceId();
        if (report.id() != null) {
            Optional<ImplantReports.Stored> earlier = reports.bySourceId(device, report.id());
            if (earlier.isPresent()) {
                return ResponseEntity.ok(earlier.get()); // a retry: stored before, no new alerts
            }
        }
        Optional<String> patient = assignments.patientAt(device, report.interrogatedAt());
        if (patient.isEmpty()) {
            return refuse(request, HttpStatus.UNPROCESSABLE_CONTENT, ApiErrors.IMPLANT_NOT_ASSIGNED,
                    "The device was assigned to no patient at the interrogation time", "interrogatedAt");
        }
        ImplantReports.Stored stored = new ImplantReports.Stored(UUID.randomUUID().toString(), device, patient.get(),
                request.receivedAt(), report);
        Optional<ImplantReports.Stored> inserted = reports.insert(stored);
        if (inserted.isEmpty()) {
            return ResponseEntity.ok(reports.bySourceId(device, report.id()).orElseThrow());
        }
        log.info("event=implant.report_stored report={} device={} patient={} kind={} eri={} shocks={}", stored.id(), device,
                patient.get(), report.device().kind(), report.atReplacement(), report.shocks());
        alerts.judge(patient.get(), report);
        return ResponseEntity.status(HttpStatus.CREATED).body(stored);
    }

    @GetMapping("/api/v1/patients/{id}/implant-reports")
    List<ImplantReports.Stored> ofPatient(@PathVariable String id, @RequestParam(defaultValue = "20") int limit) {
        access.requireVisible(id);
        return reports.ofPatient(id, limit);
    }

    /** One report as FHIR: a collection Bundle of the implant's Device, an Observation per figure and a DiagnosticReport. */
    @GetMapping(path = "/api/v1/patients/{id}/implant-reports/{report}/fhir", produces = "application/fhir+json")
    ResponseEntity<String> asFhir(@PathVariable String id, @PathVariable String report) {
        access.requireVisible(id);
        ImplantReports.Stored stored = reports.find(report).filter(s -> s.patient().equals(id))
                .orElseThrow(() -> io.vigil.server.api.ApiException.notFound("Implant report"));
        ImplantReport r = stored.report();
        var summary = new io.vigil.fhir.ImplantSummaryMapper.Summary(stored.id(), id, r.device().kind(),
                r.device().manufacturer(), r.device().model(), r.device().serial(), r.interrogatedAt(),
                r.battery() == null ? null : r.battery().voltage(),
                r.battery() == null ? null : r.atReplacement() && r.battery().status() == null ? "eri" : r.battery().status(),
                r.leads().stream().map(l -> new io.vigil.fhir.ImplantSummaryMapper.Lead(l.chamber(), l.impedance())).toList(),
                r.shocks(), r.atp(), r.afBurdenPercent());
        return ResponseEntity.ok().contentType(org.springframework.http.MediaType.parseMediaType("application/fhir+json"))
                .body(io.vigil.fhir.FhirJson.encode(io.vigil.fhir.ImplantSummaryMapper.toFhir(summary)));
    }

    private ResponseEntity<?> refuse(IngestRequest request, HttpStatus status, String code, String reason, String field) {
        deadLetters.keep(request, code, reason, field);
        log.info("event=implant.report_refused device={} code={}", request.deviceId(), code);
        return ProblemHandler.problem(status, code, reason, field);
    }

    private static String bearer(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return header.substring(7).trim();
    }
}
