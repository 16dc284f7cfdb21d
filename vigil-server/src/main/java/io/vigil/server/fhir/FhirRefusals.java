package io.vigil.server.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import io.vigil.server.api.ApiErrors;
import io.vigil.server.api.ApiException;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How /fhir refuses: every error is an OperationOutcome whose issue carries Vigil's stable code in
 * {@code issue.details.coding} (system {@value #ERROR_SYSTEM}), the reason in {@code diagnostics} and, for a bad
 * resource, the offending element as a FHIRPath {@code expression}. Unexpected failures become a bare 500 with no
 * internals. Also the factory the resource providers throw from.
 */
@Interceptor
final class FhirRefusals {
    static final String ERROR_SYSTEM = "https://vigil.io/errors";

    private static final Logger log = LoggerFactory.getLogger(FhirRefusals.class);

    /** The REST field names {@link io.vigil.server.patient.PatientRegistration} reports, as FHIRPath. */
    private static final Map<String, String> PATIENT_FIELDS = Map.of("mrn", "Patient.identifier",
            "name", "Patient.name", "sex", "Patient.gender", "birthDate", "Patient.birthDate");

    /** 400: the request (a parameter, the URL) is not one this server answers. */
    static InvalidRequestException invalid(String message) {
        return new InvalidRequestException(message, outcome(400, message, null));
    }

    /** 422: a well-formed resource that Vigil cannot accept; {@code expression} names the element. */
    static UnprocessableEntityException unprocessable(String expression, String message) {
        return new UnprocessableEntityException(message, outcome(422, message, expression));
    }

    /** 404: no such resource — the same answer a caller who may not see it will get. */
    static ResourceNotFoundException notFound(String resourceType, String id) {
        String message = resourceType + "/" + id + " is not known";
        return new ResourceNotFoundException(message, outcome(404, message, null));
    }

    /** A refusal from Vigil's own services (registration, stores) in FHIR terms. */
    static BaseServerResponseException of(ApiException refusal) {
        String expression = refusal.field() == null ? null : PATIENT_FIELDS.getOrDefault(refusal.field(), refusal.field());
        int status = refusal.status().value();
        OperationOutcome outcome = outcome(status, refusal.code(), refusal.getMessage(), expression);
        return switch (status) {
            case 400, 422 -> new UnprocessableEntityException(refusal.getMessage(), outcome);
            case 403 -> new ForbiddenOperationException(refusal.getMessage(), outcome);
            case 404 -> new ResourceNotFoundException(refusal.getMessage(), outcome);
            case 409 -> new ResourceVersionConflictException(refusal.getMessage(), outcome);
            default -> new InternalErrorException(refusal.getMessage(), outcome);
        };
    }

    /**
     * Runs before HAPI writes any error: gives every refusal Vigil's code and turns anything that is not a
     * deliberate refusal into a 500 that says no more than that.
     */
    @Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
    public BaseServerResponseException refuse(Throwable thrown) {
        BaseServerResponseException refusal = translate(thrown);
        OperationOutcome outcome = refusal.getOperationOutcome() instanceof OperationOutcome existing
                ? existing : new OperationOutcome();
        if (!outcome.hasIssue()) {
            outcome.addIssue().setDiagnostics(refusal.getMessage());
        }
        int status = refusal.getStatusCode();
        for (OperationOutcome.OperationOutcomeIssueComponent issue : outcome.getIssue()) {
            completeIssue(issue, status, codeFor(status));
        }
        refusal.setOperationOutcome(outcome);
        return refusal;
    }

    private static BaseServerResponseException translate(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof ApiException refusal) {
                return of(refusal);
            }
            if (cause instanceof DataFormatException unreadable) {
                return invalid("The body or a parameter is not valid FHIR: " + unreadable.getMessage());
            }
            if (cause instanceof BaseServerResponseException deliberate && !(cause instanceof InternalErrorException)) {
                return deliberate;
            }
        }
        log.error("event=fhir.error type={}", rootType(thrown), thrown);
        return new InternalErrorException("Internal error", outcome(500, "Internal error", null));
    }

    private static String rootType(Throwable thrown) {
        Throwable root = thrown;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getName();
    }

    static OperationOutcome outcome(int status, String message, String expression) {
        return outcome(status, codeFor(status), message, expression);
    }

    private static OperationOutcome outcome(int status, String code, String message, String expression) {
        OperationOutcome outcome = new OperationOutcome();
        OperationOutcome.OperationOutcomeIssueComponent issue = outcome.addIssue().setDiagnostics(message);
        if (expression != null) {
            issue.addExpression(expression);
        }
        completeIssue(issue, status, code);
        return outcome;
    }

    private static void completeIssue(OperationOutcome.OperationOutcomeIssueComponent issue, int status, String code) {
        if (!issue.hasSeverity()) {
            issue.setSeverity(status >= 500 ? OperationOutcome.IssueSeverity.FATAL : OperationOutcome.IssueSeverity.ERROR);
        }
        if (!issue.hasCode()) {
            issue.setCode(issueType(status));
        }
        CodeableConcept details = issue.getDetails();
        if (details.getCoding().stream().noneMatch(c -> ERROR_SYSTEM.equals(c.getSystem()))) {
            details.addCoding(new Coding(ERROR_SYSTEM, code, null));
        }
    }

    /** Vigil's stable code for an HTTP status of /fhir. */
    static String codeFor(int status) {
        return switch (status) {
            case 401 -> ApiErrors.NOT_AUTHENTICATED;
            case 403 -> ApiErrors.FORBIDDEN;
            case 404, 410 -> ApiErrors.NOT_FOUND;
            case 409, 412 -> ApiErrors.CONFLICT;
            default -> status >= 500 && status != 501 ? ApiErrors.INTERNAL : ApiErrors.INVALID_REQUEST;
        };
    }

    private static IssueType issueType(int status) {
        return switch (status) {
            case 401 -> IssueType.LOGIN;
            case 403 -> IssueType.FORBIDDEN;
            case 404, 410 -> IssueType.NOTFOUND;
            case 405, 501 -> IssueType.NOTSUPPORTED;
            case 409, 412 -> IssueType.CONFLICT;
            case 422 -> IssueType.INVALID;
            default -> status >= 500 ? IssueType.EXCEPTION : IssueType.INVALID;
        };
    }
}
