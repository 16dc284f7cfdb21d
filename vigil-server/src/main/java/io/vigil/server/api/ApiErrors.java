package io.vigil.server.api;

/**
 * Stable error codes of the server's own refusals (1100–1199: identity and access; 1200–1299: requests;
 * 1330–1339: identity-provider tokens).
 * Device-payload codes (1000–1099) live in {@link io.vigil.codec.ErrorCode}.
 */
public final class ApiErrors {
    public static final String DEVICE_NOT_AUTHENTICATED = "VIGIL-1101";
    public static final String TOPIC_NOT_ALLOWED = "VIGIL-1102";
    public static final String DEVICE_REVOKED = "VIGIL-1103";
    public static final String INGEST_UNAVAILABLE = "VIGIL-1104";
    public static final String NOT_AUTHENTICATED = "VIGIL-1110";
    public static final String FORBIDDEN = "VIGIL-1111";
    public static final String INVALID_REQUEST = "VIGIL-1201";
    public static final String NOT_FOUND = "VIGIL-1202";
    public static final String CONFLICT = "VIGIL-1203";
    public static final String TOO_MANY_STREAMS = "VIGIL-1204";
    public static final String INTERNAL = "VIGIL-1299";
    /** A device sent more readings than its rate limit allows (HTTP 429, MQTT 5 PUBACK 0x97). */
    public static final String RATE_LIMITED = "VIGIL-1320";
    /**
     * Vigil is saturated (durability and overload, 1900–1919): nothing was stored, send the same payload again after
     * {@code Retry-After} (HTTP 429, MQTT 5 PUBACK 0x97 quota exceeded).
     */
    public static final String SATURATED = "VIGIL-1900";
    /** The dead letter that counts a device's rate-limited payloads whose bytes were not kept. */
    public static final String RATE_LIMITED_UNKEPT = "VIGIL-1321";
    /** Acknowledging an alert needs a reason. */
    public static final String ALERT_REASON_REQUIRED = "VIGIL-1220";
    /** The alert's state does not allow the change (e.g. acknowledging a resolved alert). */
    public static final String ALERT_TRANSITION_REFUSED = "VIGIL-1221";
    /** Alert workflow and delivery (1500–1549): a snooze longer than vigil.alerts.longest-snooze, or not positive. */
    public static final String ALERT_SNOOZE_OUT_OF_BOUNDS = "VIGIL-1500";
    /** A webhook or subscription endpoint that is not an http(s) URL, or FHIR Subscription criteria not supported. */
    public static final String WEBHOOK_INVALID = "VIGIL-1501";
    /** A dead letter that is not dead (already delivered or still being retried) cannot be replayed. */
    public static final String WEBHOOK_NOT_DEAD = "VIGIL-1502";
    /** Alert subscriptions are for one patient the caller may see. */
    public static final String ALERT_SUBSCRIPTION_INVALID = "VIGIL-1503";
    /** A bearer token that is not a valid access token of the configured identity provider (401). */
    public static final String BEARER_TOKEN_INVALID = "VIGIL-1330";
    /** A valid token whose roles map to no Vigil role: authenticated, but allowed nothing (403). */
    public static final String NO_VIGIL_ROLE = "VIGIL-1331";
    /** The identity provider's signing keys cannot be fetched, so no token can be checked (503). */
    public static final String IDENTITY_PROVIDER_UNAVAILABLE = "VIGIL-1332";
    /** HL7 v2 (1400–1419): the message's equipment identifier (OBX-18 / PRT-10 / MSH-3) is no registered device. */
    public static final String HL7_UNKNOWN_DEVICE = "VIGIL-1400";
    /** PID-3 names a patient other than the one the device is assigned to; readings went to the assigned patient. */
    public static final String HL7_PATIENT_MISMATCH = "VIGIL-1401";
    /** The MLLP peer's address is not in vigil.hl7.allowed-senders. */
    public static final String HL7_SENDER_NOT_ALLOWED = "VIGIL-1402";
    /** An MLLP frame exceeded vigil.hl7.max-frame-bytes, or the stream broke MLLP framing. */
    public static final String HL7_FRAME_REFUSED = "VIGIL-1403";
    /** An outbound ORU^R01 was not acknowledged (AA) by the receiver after every attempt. */
    public static final String HL7_OUTBOUND_UNDELIVERED = "VIGIL-1404";
    /** POST /api/v1/hl7 needs Content-Type application/hl7-v2 or text/plain. */
    public static final String HL7_CONTENT_TYPE = "VIGIL-1405";

    /** A user name that is not a Vigil user (care-team member, share). */
    public static final String UNKNOWN_USER = "VIGIL-1340";
    /** The password is too short, too common, or contains the user name. */
    public static final String WEAK_PASSWORD = "VIGIL-1341";
    /** Breaking the glass needs a reason. */
    public static final String BREAK_GLASS_REASON_REQUIRED = "VIGIL-1342";
    /** Patients are shared only with caregivers. */
    public static final String NOT_A_CAREGIVER = "VIGIL-1343";
    /** A clinician registers patients only into a care unit one of their care teams covers. */
    public static final String UNIT_NOT_COVERED = "VIGIL-1350";
    /** Per-patient limits: no default limit rule has this id. */
    public static final String LIMIT_RULE_UNKNOWN = "VIGIL-1550";
    /** Per-patient limits: the threshold is missing or outside the measurement's plausible range. */
    public static final String LIMIT_THRESHOLD_INVALID = "VIGIL-1551";
    /** Per-patient limits: the hysteresis is negative or would put the clearing point outside the plausible range. */
    public static final String LIMIT_HYSTERESIS_INVALID = "VIGIL-1552";
    /** Per-patient limits: the duration is not an ISO-8601 duration from 0 to 1 hour. */
    public static final String LIMIT_DURATION_INVALID = "VIGIL-1553";
    /** Per-patient limits: the priority is not high, medium or low. */
    public static final String LIMIT_PRIORITY_INVALID = "VIGIL-1554";
    /** A shipped or folder mapping template cannot be changed or deleted through the API. */
    public static final String TEMPLATE_READ_ONLY = "VIGIL-1420";

    /** Web app (1650–1699): a clinical note is empty or longer than 4,000 characters. */
    public static final String NOTE_INVALID = "VIGIL-1650";
    /** A monitoring-time heartbeat outside 1–60 s, or a manual entry outside 1–240 min. */
    public static final String MONITORING_TIME_INVALID = "VIGIL-1651";
    /** A month that is not {@code yyyy-MM}. */
    public static final String MONTH_INVALID = "VIGIL-1652";
    /** Alert assignment (1653–1659): no enabled clinician account by the name an alert is assigned to. */
    public static final String ALERT_ASSIGNEE_UNKNOWN = "VIGIL-1653";
    /** The person an alert is assigned to may not see its patient. */
    public static final String ALERT_ASSIGNEE_MAY_NOT_SEE = "VIGIL-1654";
    /** A resolved alert is neither assigned nor unassigned. */
    public static final String ALERT_NOT_ASSIGNABLE = "VIGIL-1655";
    /** Implant interrogation reports (1660–1669): not JSON, or a member of the wrong type. */
    public static final String IMPLANT_REPORT_MALFORMED = "VIGIL-1660";
    /** A required member is missing (interrogatedAt, device.kind, device.serial). */
    public static final String IMPLANT_REPORT_INCOMPLETE = "VIGIL-1661";
    /** An unknown implant kind or battery status. */
    public static final String IMPLANT_REPORT_UNKNOWN_CODE = "VIGIL-1662";
    /** A value outside what an implant can report (negative counts or impedance, burden over 100 %). */
    public static final String IMPLANT_REPORT_OUT_OF_RANGE = "VIGIL-1663";
    /** The device was assigned to no patient at the interrogation time. */
    public static final String IMPLANT_NOT_ASSIGNED = "VIGIL-1664";
    /** FHIR Bulk Data export (1840–1849): a kick-off Vigil does not support (no Prefer: respond-async, an unknown
     * {@code _type}, {@code _outputFormat} or parameter, a bad {@code _since}). */
    public static final String EXPORT_UNSUPPORTED = "VIGIL-1840";
    /** Too many bulk exports running or waiting to be downloaded (429; {@code vigil.export.max-jobs}). */
    public static final String EXPORT_BUSY = "VIGIL-1841";
    /** A bulk export failed while writing its files (the status URL answers 500). */
    public static final String EXPORT_FAILED = "VIGIL-1842";
    /** {@code vigil import}: a file that is not a FHIR R4 Bundle with a Patient (the file is skipped). */
    public static final String IMPORT_BUNDLE_INVALID = "VIGIL-1845";

    /**
     * Medication and telehealth (1850–1879): a dispenser event payload that is not the event JSON (docs/devices.md):
     * not JSON, a field missing or wrong.
     */
    public static final String DISPENSER_EVENT_INVALID = "VIGIL-1850";
    /** A dispenser event names a schedule (MedicationRequest) that is not its patient's. */
    public static final String DISPENSER_EVENT_SCHEDULE_UNKNOWN = "VIGIL-1851";
    /** A medication schedule (REST body or FHIR MedicationRequest) Vigil cannot take; the field says which part. */
    public static final String MEDICATION_SCHEDULE_INVALID = "VIGIL-1852";
    /** The dispenser named for a schedule is not a device assigned to the patient now. */
    public static final String DISPENSER_NOT_ASSIGNED = "VIGIL-1853";
    /** An adherence window that is not two instants, from before to, at most 366 days apart. */
    public static final String ADHERENCE_WINDOW_INVALID = "VIGIL-1854";
    /** A telehealth session body Vigil cannot take (start in the future or over 4 h ago, notes too long). */
    public static final String TELEHEALTH_INVALID = "VIGIL-1855";
    /** The telehealth session has been stopped already. */
    public static final String TELEHEALTH_STOPPED = "VIGIL-1856";

    // Edge gateway (vigil edge), 1880–1899.
    /** An edge forwarded a reading for a device not registered under its gateway account upstream. */
    public static final String EDGE_DEVICE_NOT_IN_GATEWAY = "VIGIL-1880";
    /** A forwarded reading is malformed (unknown type, bad time, a value that does not fit). */
    public static final String EDGE_READING_INVALID = "VIGIL-1881";
    /** The device is registered under another gateway already. */
    public static final String EDGE_DEVICE_IN_OTHER_GATEWAY = "VIGIL-1882";
    /** More readings in one forwarded batch than the upstream takes at once. */
    public static final String EDGE_BATCH_TOO_LARGE = "VIGIL-1883";

    private ApiErrors() {
    }
}
