package io.vigil.server.fhir;

import ca.uhn.fhir.rest.param.TokenParam;
import io.vigil.server.audit.AuditEvent;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.Coding;

/**
 * How Vigil's audit actions read in the IHE Basic Audit Log Patterns (BALP) vocabulary, both ways: the
 * {@code type}, {@code subtype} and {@code action} of an AuditEvent made from an action, and the actions a
 * {@code type} or {@code subtype} search token stands for (as SQL LIKE patterns).
 * <ul>
 * <li>logins and logouts (people and devices): DICOM {@code 110114 User Authentication}, subtype
 * {@code 110122 Login} / {@code 110123 Logout};</li>
 * <li>web page views of patient data: DICOM {@code 110110 Patient Record};</li>
 * <li>every REST and FHIR request: {@code rest} with its FHIR interaction ({@code read}, {@code search-type},
 * {@code create}, {@code update}, {@code delete}) as subtype.</li>
 * </ul>
 * Every event also carries Vigil's own action ({@code patient.read}) as a subtype in {@value #ACTION_SYSTEM}.
 */
final class BalpCodes {
    static final String DCM = "http://dicom.nema.org/resources/ontology/DCM";
    static final String EVENT_TYPE = "http://terminology.hl7.org/CodeSystem/audit-event-type";
    static final String INTERACTION = "http://hl7.org/fhir/restful-interaction";
    static final String ACTION_SYSTEM = "https://vigil.io/audit-action";

    private static final Coding AUTHENTICATION = new Coding(DCM, "110114", "User Authentication");
    private static final Coding LOGIN = new Coding(DCM, "110122", "Login");
    private static final Coding LOGOUT = new Coding(DCM, "110123", "Logout");
    private static final Coding PATIENT_RECORD = new Coding(DCM, "110110", "Patient Record");
    private static final Coding REST = new Coding(EVENT_TYPE, "rest", "RESTful Operation");

    private static final List<String> LOGIN_ACTIONS = List.of("login.%", "device.login.%");
    private static final List<String> LOGOUT_ACTIONS = List.of("logout");
    private static final List<String> PAGE_ACTIONS = List.of("page.view");
    /** Not REST requests: everything else is. */
    private static final List<String> NOT_REST = List.of("login.%", "device.login.%", "logout", "page.view");

    /** FHIR interaction → the action patterns (the verbs RequestTarget gives, and the named device actions). */
    private static final Map<String, List<String>> INTERACTIONS = Map.of(
            "read", List.of("%.read"),
            "search-type", List.of("%.search"),
            "create", List.of("%.create", "device.register", "device.secret.rotate"),
            "update", List.of("%.update"),
            "delete", List.of("%.delete", "device.revoke"));

    private BalpCodes() {
    }

    static Coding type(AuditEvent event) {
        String action = event.action();
        if (isLogin(action) || action.equals("logout")) {
            return AUTHENTICATION.copy();
        }
        return action.equals("page.view") ? PATIENT_RECORD.copy() : REST.copy();
    }

    /** The BALP subtype (when there is one) and Vigil's own action. */
    static List<Coding> subtypes(AuditEvent event) {
        String action = event.action();
        Coding own = new Coding(ACTION_SYSTEM, action, null);
        if (isLogin(action)) {
            return List.of(LOGIN.copy(), own);
        }
        if (action.equals("logout")) {
            return List.of(LOGOUT.copy(), own);
        }
        String interaction = interaction(action);
        return interaction == null ? List.of(own) : List.of(new Coding(INTERACTION, interaction, interaction), own);
    }

    static AuditEventAction action(AuditEvent event) {
        String interaction = interaction(event.action());
        if (interaction == null) {
            return event.action().equals("page.view") ? AuditEventAction.R : AuditEventAction.E;
        }
        return switch (interaction) {
            case "read" -> AuditEventAction.R;
            case "create" -> AuditEventAction.C;
            case "update" -> AuditEventAction.U;
            case "delete" -> AuditEventAction.D;
            default -> AuditEventAction.E; // a search is a query: Execute, as BALP records it
        };
    }

    /** The actions a {@code type} token stands for; an empty list when no event has that type. */
    static List<String> typePatterns(TokenParam token) {
        if (matches(token, AUTHENTICATION)) {
            return concat(LOGIN_ACTIONS, LOGOUT_ACTIONS);
        }
        if (matches(token, PATIENT_RECORD)) {
            return PAGE_ACTIONS;
        }
        return List.of();
    }

    /** Whether a {@code type} token means REST requests: every action but {@link #NOT_REST}. */
    static boolean isRest(TokenParam token) {
        return matches(token, REST);
    }

    static List<String> notRest() {
        return NOT_REST;
    }

    /** The actions a {@code subtype} token stands for; an empty list when no event has that subtype. */
    static List<String> subtypePatterns(TokenParam token) {
        if (matches(token, LOGIN)) {
            return LOGIN_ACTIONS;
        }
        if (matches(token, LOGOUT)) {
            return LOGOUT_ACTIONS;
        }
        if (system(token, INTERACTION) && INTERACTIONS.containsKey(token.getValue())) {
            return INTERACTIONS.get(token.getValue());
        }
        if (system(token, ACTION_SYSTEM)) {
            return List.of(token.getValue().replace("%", "").replace("_", ""));
        }
        return List.of();
    }

    private static String interaction(String action) {
        if (isLogin(action) || action.equals("logout") || action.equals("page.view")) {
            return null;
        }
        for (Map.Entry<String, List<String>> entry : INTERACTIONS.entrySet()) {
            for (String pattern : entry.getValue()) {
                if (pattern.startsWith("%") ? action.endsWith(pattern.substring(1)) : action.equals(pattern)) {
                    return entry.getKey();
                }
            }
        }
        return null;
    }

    private static boolean isLogin(String action) {
        return action.startsWith("login.") || action.startsWith("device.login.");
    }

    /** A token matches a coding by code, and by system when it names one. */
    private static boolean matches(TokenParam token, Coding coding) {
        return coding.getCode().equals(token.getValue()) && system(token, coding.getSystem());
    }

    private static boolean system(TokenParam token, String system) {
        return token.getSystem() == null || token.getSystem().isEmpty() || token.getSystem().equals(system);
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
    }
}
