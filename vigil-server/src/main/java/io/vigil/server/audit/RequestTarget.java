package io.vigil.server.audit;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.web.servlet.HandlerMapping;

/**
 * What a REST or FHIR request touched: the audit action ({@code patient.read}, {@code observation.search},
 * {@code device.revoke} …), the resource type and id, and the patient when the path or a {@code patient} /
 * {@code subject} parameter names one.
 */
record RequestTarget(String action, String resourceType, String resourceId, String patientId, String template) {
    private static final int MAX_ID = 64;
    private static final String API = "/api/v1/";
    /** Actions whose generic name would not say what happened. */
    private static final Map<String, String> NAMED = Map.of(
            "POST /api/v1/devices", "device.register",
            "POST /api/v1/devices/{id}/secret", "device.secret.rotate",
            "DELETE /api/v1/devices/{id}/secret", "device.revoke",
            "GET /api/v1/stream/ward", "ward.subscribe",
            "GET /api/v1/ward", "ward.read",
            "POST /api/v1/users/{id}/unlock", "user.unlock");

    static RequestTarget of(HttpServletRequest request) {
        return request.getRequestURI().startsWith("/fhir/") ? fhir(request) : rest(request);
    }

    /** A create names its new resource only in the answer's Location header. */
    RequestTarget created(String location) {
        if (resourceId != null || location == null || location.isBlank()) {
            return this;
        }
        String[] segments = location.replaceFirst("/_history/.*$", "").split("/");
        String id = bounded(segments[segments.length - 1]);
        boolean patient = "patient".equalsIgnoreCase(resourceType) && patientId == null;
        return new RequestTarget(action, resourceType, id, patient ? id : patientId, template);
    }

    /** The patient the answer named, when the request itself named none. */
    RequestTarget answering(String patient) {
        return patientId != null || patient == null ? this
                : new RequestTarget(action, resourceType, resourceId, bounded(patient), template);
    }

    /** A ward view or stream: the unit it shows is what was read. */
    RequestTarget showingUnit(String unit) {
        return unit == null || resourceId != null ? this
                : new RequestTarget(action, "unit", bounded(unit), patientId, template);
    }

    /** {@code /fhir/Type[/id[/_history/vid]]}, {@code /fhir/Type/$op}, {@code /fhir/Type/id/$op}. */
    private static RequestTarget fhir(HttpServletRequest request) {
        String[] segments = request.getRequestURI().substring("/fhir/".length()).split("/");
        String type = segments[0];
        String id = segments.length > 1 && !isKeyword(segments[1]) ? segments[1] : null;
        StringBuilder template = new StringBuilder("/fhir/").append(type);
        String operation = null;
        for (int i = 1; i < segments.length; i++) {
            template.append('/').append(isKeyword(segments[i]) ? segments[i] : "{id}");
            if (segments[i].startsWith("$")) {
                operation = segments[i].substring(1);
            }
        }
        String verb = operation != null ? operation
                : template.toString().endsWith("/_search") ? "search" : verb(request.getMethod(), id != null);
        String patient = "Patient".equals(type) && id != null ? id : patientParameter(request);
        if (patient == null && "Patient".equals(type)) {
            patient = parameter(request, "_id");
        }
        return new RequestTarget(type.toLowerCase(Locale.ROOT) + "." + verb, type, bounded(id), patient,
                template.toString());
    }

    /** Spring MVC's matched pattern and path variables when the request reached a controller; the raw path otherwise. */
    private static RequestTarget rest(HttpServletRequest request) {
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        // No controller matched (an unknown path): the pattern is the static resources' catch-all, not an API's.
        String template = pattern instanceof String matched && matched.startsWith(API) ? matched : request.getRequestURI();
        @SuppressWarnings("unchecked")
        Map<String, String> variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE)
                instanceof Map<?, ?> map ? (Map<String, String>) map : Map.of();
        List<String> words = new ArrayList<>();
        for (String segment : (template.startsWith(API) ? template.substring(API.length()) : template).split("/")) {
            if (!segment.isEmpty() && !segment.startsWith("{")) {
                words.add(singular(segment));
            }
        }
        String type = words.isEmpty() ? "api" : words.getFirst();
        String action = NAMED.getOrDefault(request.getMethod() + " " + template,
                String.join(".", words) + "." + verb(request.getMethod(), !variables.isEmpty()));
        String id = variables.get("id");
        String patient = "patient".equals(type) ? id : patientParameter(request);
        return new RequestTarget(action, type, bounded(id), patient, template);
    }

    private static String verb(String method, boolean names) {
        return switch (method) {
            case "GET", "HEAD" -> names ? "read" : "search";
            case "POST" -> "create";
            case "PUT", "PATCH" -> "update";
            case "DELETE" -> "delete";
            default -> method.toLowerCase(Locale.ROOT);
        };
    }

    private static String patientParameter(HttpServletRequest request) {
        String value = parameter(request, "patient");
        if (value == null) {
            value = parameter(request, "subject");
        }
        if (value != null && value.startsWith("Patient/")) {
            value = value.substring("Patient/".length());
        }
        // A reference to another type (subject=Group/…) names no patient.
        return value == null || value.contains("/") ? null : bounded(value);
    }

    private static String parameter(HttpServletRequest request, String name) {
        String value = request.getParameter(name);
        return value == null || value.isBlank() ? null : bounded(value);
    }

    private static String bounded(String id) {
        return id == null || id.length() <= MAX_ID ? id : id.substring(0, MAX_ID);
    }

    private static boolean isKeyword(String segment) {
        return segment.startsWith("$") || segment.startsWith("_");
    }

    private static String singular(String word) {
        return word.endsWith("s") && word.length() > 1 ? word.substring(0, word.length() - 1) : word;
    }
}
