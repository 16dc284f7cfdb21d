package io.vigil.server.fhir;

import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import io.vigil.fhir.FhirJson;
import io.vigil.server.access.PatientAccess;
import io.vigil.server.api.ApiErrors;
import io.vigil.server.api.ApiException;
import io.vigil.server.export.BulkExports;
import io.vigil.server.export.ExportJob;
import io.vigil.server.export.ExportRequest;
import io.vigil.server.security.Role;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * FHIR Bulk Data Access (IG v2) {@code $export}, asynchronous:
 * <ol>
 *   <li>kick-off {@code GET /fhir/$export}, {@code /fhir/Patient/$export} or {@code /fhir/Group/{unit}/$export} with
 *       {@code Prefer: respond-async} → 202 and {@code Content-Location: /fhir/$export-poll-status?_jobId=…};</li>
 *   <li>polling that URL → 202 with {@code X-Progress} and {@code Retry-After} while it runs, then 200 with the JSON
 *       manifest; {@code DELETE} on it cancels (202);</li>
 *   <li>each manifest {@code output.url} ({@code /fhir/$export-file?_jobId=…&_file=Observation.ndjson}) streams an
 *       NDJSON file as {@code application/fhir+ndjson}, with the same credentials ({@code requiresAccessToken}).</li>
 * </ol>
 * Who: system level for administrators and integration accounts; Patient and Group level also for clinicians;
 * caregivers never (403). What they get is what they may read over FHIR ({@link BulkExportContent}). Only the caller
 * who kicked an export off sees it; to anyone else it is not known (404).
 */
@Component
public class BulkExportProvider {
    static final String STATUS = "$export-poll-status";
    static final String FILE = "$export-file";
    static final String NDJSON = "application/fhir+ndjson";
    private static final Set<String> FORMATS = Set.of(NDJSON, "application/ndjson", "ndjson");
    private static final Set<String> PARAMETERS = Set.of("_type", "_since", "_outputFormat");
    private static final Set<Role> EXPORTERS = EnumSet.of(Role.ADMIN, Role.CLINICIAN, Role.INTEGRATION);
    private static final Set<Role> SYSTEM_EXPORTERS = EnumSet.of(Role.ADMIN, Role.INTEGRATION);

    private final BulkExports exports;
    private final GroupResourceProvider groups;

    BulkExportProvider(BulkExports exports, GroupResourceProvider groups) {
        this.exports = exports;
        this.groups = groups;
    }

    @Description(shortDefinition = "Bulk Data export of every patient the caller may see, and of every device")
    @Operation(name = "$export", idempotent = true, manualResponse = true)
    public void exportSystem(
            @OperationParam(name = "_type", max = OperationParam.MAX_UNLIMITED) List<StringType> type,
            @OperationParam(name = "_since", max = 1) StringType since,
            @OperationParam(name = "_outputFormat", max = 1) StringType outputFormat,
            ServletRequestDetails request) throws IOException {
        require(SYSTEM_EXPORTERS, "System-level export is for administrators and integration accounts");
        kickOff(ExportRequest.Level.SYSTEM, null, request);
    }

    @Description(shortDefinition = "Bulk Data export of the patients the caller may see and their data")
    @Operation(name = "$export", typeName = "Patient", idempotent = true, manualResponse = true)
    public void exportPatients(
            @OperationParam(name = "_type", max = OperationParam.MAX_UNLIMITED) List<StringType> type,
            @OperationParam(name = "_since", max = 1) StringType since,
            @OperationParam(name = "_outputFormat", max = 1) StringType outputFormat,
            ServletRequestDetails request) throws IOException {
        require(EXPORTERS, "Your role may not export patient data");
        kickOff(ExportRequest.Level.PATIENT, null, request);
    }

    @Description(shortDefinition = "Bulk Data export of a care unit's patients (Group/{unit}) and their data")
    @Operation(name = "$export", type = Group.class, idempotent = true, manualResponse = true)
    public void exportGroup(
            @IdParam IdType id,
            @OperationParam(name = "_type", max = OperationParam.MAX_UNLIMITED) List<StringType> type,
            @OperationParam(name = "_since", max = 1) StringType since,
            @OperationParam(name = "_outputFormat", max = 1) StringType outputFormat,
            ServletRequestDetails request) throws IOException {
        require(EXPORTERS, "Your role may not export patient data");
        groups.read(id); // 404 for a unit the caller may not see
        kickOff(ExportRequest.Level.GROUP, id.getIdPart(), request);
    }

    /** The status of an export (GET), or its cancellation (DELETE). */
    @Description(shortDefinition = "Bulk Data export status: 202 while running, 200 with the manifest; DELETE cancels")
    @Operation(name = STATUS, idempotent = true, manualResponse = true, deleteEnabled = true)
    public void status(@OperationParam(name = "_jobId", min = 1, max = 1) StringType jobId,
                       ServletRequestDetails request) throws IOException {
        require(EXPORTERS, "Your role may not export patient data");
        String id = jobId == null ? null : jobId.getValue();
        Authentication caller = PatientAccess.caller();
        HttpServletResponse response = request.getServletResponse();
        if (request.getRequestType() == RequestTypeEnum.DELETE) {
            if (!exports.cancel(id, caller, request.getServletRequest().getRemoteAddr())) {
                throw FhirRefusals.notFound("Export", String.valueOf(id));
            }
            response.setStatus(202);
            return;
        }
        ExportJob job = exports.find(id, caller).orElseThrow(() -> FhirRefusals.notFound("Export", String.valueOf(id)));
        switch (job.status()) {
            case RUNNING -> {
                response.setStatus(202);
                response.setHeader("X-Progress", job.progress());
                response.setHeader("Retry-After", Long.toString(Math.max(1, exports.retryAfter().toSeconds())));
            }
            case FAILED -> write(response, 500, "application/fhir+json", FhirJson.encode(outcome(ApiErrors.EXPORT_FAILED,
                    OperationOutcome.IssueType.EXCEPTION, "The export failed; kick it off again")));
            case COMPLETE -> {
                response.setHeader("Expires", DateTimeFormatter.RFC_1123_DATE_TIME.format(
                        exports.expiresAt(job).atOffset(ZoneOffset.UTC)));
                write(response, 200, "application/json", JsonMapper.shared().writeValueAsString(
                        manifest(job, request.getFhirServerBase())));
            }
        }
    }

    /** One NDJSON file of a complete export, streamed from disk. */
    @Description(shortDefinition = "One NDJSON file of a complete Bulk Data export")
    @Operation(name = FILE, idempotent = true, manualResponse = true)
    public void file(@OperationParam(name = "_jobId", min = 1, max = 1) StringType jobId,
                     @OperationParam(name = "_file", min = 1, max = 1) StringType file,
                     ServletRequestDetails request) throws IOException {
        require(EXPORTERS, "Your role may not export patient data");
        String id = jobId == null ? null : jobId.getValue();
        String name = file == null ? null : file.getValue();
        Path path = exports.find(id, PatientAccess.caller()).flatMap(job -> exports.file(job, name))
                .orElseThrow(() -> FhirRefusals.notFound("Export file", String.valueOf(name)));
        HttpServletResponse response = request.getServletResponse();
        response.setStatus(200);
        response.setContentType(NDJSON);
        response.setContentLengthLong(Files.size(path));
        try (OutputStream out = response.getOutputStream()) {
            Files.copy(path, out);
        }
    }

    private void kickOff(ExportRequest.Level level, String group, ServletRequestDetails request) throws IOException {
        String prefer = request.getHeader("Prefer");
        if (prefer == null || !prefer.contains("respond-async")) {
            throw unsupported("$export is asynchronous: send the header Prefer: respond-async");
        }
        for (String name : request.getParameters().keySet()) {
            if (!PARAMETERS.contains(name) && !name.equals("_pretty") && !name.equals("_format")) {
                throw unsupported("$export does not support the parameter " + name + " (supported: _type, _since, _outputFormat)");
            }
        }
        String format = single(request, "_outputFormat");
        if (format != null && !FORMATS.contains(format)) {
            throw unsupported("_outputFormat " + format + " is not supported: only " + NDJSON);
        }
        Instant since = null;
        String sinceText = single(request, "_since");
        if (sinceText != null) {
            try {
                since = new InstantType(sinceText).getValue().toInstant();
            } catch (DataFormatException | NullPointerException e) {
                throw unsupported("_since must be a FHIR instant with a time zone, e.g. 2026-01-01T00:00:00Z");
            }
        }
        List<String> types = types(request);
        ExportJob job;
        try {
            job = exports.start(new ExportRequest(level, group, types, since, request.getCompleteUrl(),
                    PatientAccess.caller()), request.getServletRequest().getRemoteAddr());
        } catch (ApiException busy) {
            throw new BaseServerResponseException(busy.status().value(), busy.getMessage(),
                    outcome(busy.code(), OperationOutcome.IssueType.THROTTLED, busy.getMessage())) {};
        }
        HttpServletResponse response = request.getServletResponse();
        response.setStatus(202);
        response.setHeader("Content-Location", statusUrl(request.getFhirServerBase(), job.id()));
    }

    /** The requested types in Vigil's order, or all of them; an unknown one is refused. */
    private List<String> types(ServletRequestDetails request) {
        String[] values = request.getParameters().get("_type");
        if (values == null) {
            return exports.types();
        }
        List<String> asked = new ArrayList<>();
        for (String value : values) {
            for (String type : value.split(",")) {
                if (!type.isBlank()) {
                    asked.add(type.strip());
                }
            }
        }
        for (String type : asked) {
            if (!exports.types().contains(type)) {
                throw unsupported("_type " + type + " is not exported by Vigil (it exports " + String.join(", ", exports.types()) + ")");
            }
        }
        return exports.types().stream().filter(asked::contains).toList();
    }

    private static Map<String, Object> manifest(ExportJob job, String base) {
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("transactionTime", job.transactionTime().toString());
        manifest.put("request", job.request().requestUrl());
        manifest.put("requiresAccessToken", true);
        List<Map<String, Object>> output = new ArrayList<>();
        for (ExportJob.Output file : job.outputs()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("type", file.type());
            entry.put("url", base + "/" + FILE + "?_jobId=" + job.id() + "&_file=" + URLEncoder.encode(file.file(), StandardCharsets.UTF_8));
            entry.put("count", file.count());
            output.add(entry);
        }
        manifest.put("output", output);
        manifest.put("error", List.of());
        return manifest;
    }

    static String statusUrl(String base, String jobId) {
        return base + "/" + STATUS + "?_jobId=" + jobId;
    }

    private static String single(ServletRequestDetails request, String name) {
        String[] values = request.getParameters().get(name);
        if (values == null || values.length == 0) {
            return null;
        }
        if (values.length > 1) {
            throw unsupported(name + " may be given once");
        }
        return values[0];
    }

    private static void require(Set<Role> roles, String message) {
        if (roles.stream().noneMatch(role -> role.heldBy(PatientAccess.caller()))) {
            throw new ForbiddenOperationException(message, FhirRefusals.outcome(403, message, null));
        }
    }

    private static InvalidRequestException unsupported(String message) {
        return new InvalidRequestException(message, outcome(ApiErrors.EXPORT_UNSUPPORTED,
                OperationOutcome.IssueType.NOTSUPPORTED, message));
    }

    private static OperationOutcome outcome(String code, OperationOutcome.IssueType type, String message) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(type).setDiagnostics(message)
                .getDetails().addCoding(new Coding(FhirRefusals.ERROR_SYSTEM, code, null));
        return outcome;
    }

    private static void write(HttpServletResponse response, int status, String contentType, String body) throws IOException {
        response.setStatus(status);
        response.setContentType(contentType);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(body);
        response.getWriter().flush();
    }
}
