package io.vigil.server.api;

import org.springframework.http.HttpStatus;

/**
 * A refusal the API reports as RFC 9457 problem+json (REST) or OperationOutcome (FHIR), with a stable code.
 * The message goes to the client: it names fields, never patient data.
 */
public class ApiException extends RuntimeException {
    private final HttpStatus status;
    private final String code;
    private final String field;

    public ApiException(HttpStatus status, String code, String message) {
        this(status, code, message, null);
    }

    public ApiException(HttpStatus status, String code, String message, String field) {
        super(message);
        this.status = status;
        this.code = code;
        this.field = field;
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }

    /** 404 for a resource that does not exist — or that the caller may not know exists. */
    public static ApiException notFound(String what) {
        return new ApiException(HttpStatus.NOT_FOUND, ApiErrors.NOT_FOUND, what + " not found");
    }

    public static ApiException invalid(String field, String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, ApiErrors.INVALID_REQUEST, message, field);
    }
}
