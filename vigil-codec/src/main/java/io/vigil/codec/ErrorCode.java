package io.vigil.codec;

/**
 * Stable codes for refused device input. The numbers never change meaning; new ones are added at the end
 * of their range. 1000–1099: payload content (1040–1049: mapping templates).
 */
public enum ErrorCode {
    MALFORMED_PAYLOAD("VIGIL-1001", "The payload is not well-formed (JSON syntax, encoding, or structure)"),
    UNKNOWN_MEASUREMENT("VIGIL-1002", "A measurement key is neither a registry alias nor a known LOINC code"),
    UNSUPPORTED_UNIT("VIGIL-1003", "The unit is not accepted for this measurement"),
    IMPLAUSIBLE_VALUE("VIGIL-1004", "The value is outside the physiologically plausible range"),
    INVALID_VALUE("VIGIL-1005", "The value has the wrong type or is not a finite number"),
    INVALID_TIME("VIGIL-1006", "The time is not an ISO-8601 instant with offset, or lies too far in the future"),
    MISSING_VALUES("VIGIL-1007", "The message has no values"),
    UNKNOWN_FIELD("VIGIL-1008", "The message has a field Vigil does not know"),
    PAYLOAD_TOO_LARGE("VIGIL-1009", "The payload is larger than allowed"),
    INVALID_CODE("VIGIL-1010", "The coded value is not one of the allowed answers"),
    MISSING_COMPONENT("VIGIL-1011", "A required component of a panel is missing"),
    INVALID_ID("VIGIL-1012", "The message id is empty, too long, or has characters outside [A-Za-z0-9._:-]"),
    TRUNCATED("VIGIL-1013", "The payload ends before a field it announces"),
    UNSUPPORTED_FORMAT("VIGIL-1014", "The payload uses a format or feature Vigil does not decode"),
    SPECIAL_VALUE("VIGIL-1015", "The device sent an IEEE 11073 special value (NaN, NRes, ±INF, reserved) or"
            + " 'measurement unsuccessful' where a number is required"),
    CRC_MISMATCH("VIGIL-1016", "The payload's end-to-end CRC does not match its bytes"),
    HL7_NOT_PARSEABLE("VIGIL-1030", "The payload is not an HL7 v2 message in ER7 encoding (MSH, separators, segment structure)"),
    HL7_UNSUPPORTED_MESSAGE("VIGIL-1031", "The HL7 v2 message is not an ORU^R01 observation result"),
    HL7_NO_MEASUREMENT("VIGIL-1032", "The ORU^R01 carries no OBX with a value for an IEEE 11073 MDC code Vigil knows"),
    HL7_DEVICE_IDENTITY("VIGIL-1033", "The message names no equipment identifier (OBX-18, PRT-10, or an EUI-64 in MSH-3), or more than one"),
    HL7_MISSING_FIELD("VIGIL-1034", "A field the IHE PCD-01 profile requires is empty (MSH-10, OBX-3, OBX-6 of a number)"),
    TEMPLATE_INVALID("VIGIL-1040", "The mapping template is refused: JSON syntax, unknown member, selector syntax,"
            + " unknown measurement type, or a unit not convertible to the type's unit"),
    TEMPLATE_UNKNOWN("VIGIL-1041", "No mapping template has this name"),
    NO_READINGS("VIGIL-1042", "The mapping template found no reading in the payload"),
    SELECTOR_MISSING("VIGIL-1043", "A required selector of the mapping template found nothing in the payload"),
    SELECTOR_AMBIGUOUS("VIGIL-1044", "A selector that must find one value found several in the payload"),
    DEVICE_MISMATCH("VIGIL-1045", "The device id in the payload is not the device that sent it"),
    CONTEXT_WITHOUT_MEASUREMENT("VIGIL-1050", "The value only describes a measurement sent in another characteristic"
            + " (Temperature Type 2A1D, Glucose Measurement Context 2A34); it holds no measurement to store"),
    WAVEFORM_MALFORMED("VIGIL-1600", "The waveform frame is not a Vigil waveform frame: magic, version, sample format,"
            + " flags, or bytes after the last sample"),
    WAVEFORM_TRUNCATED("VIGIL-1601", "The waveform frame ends before the header or the samples it announces"),
    WAVEFORM_INVALID_HEADER("VIGIL-1602", "A waveform header value is out of range: sample rate, gain, sample count,"
            + " start time, or a sample that does not fit 32 bits"),
    WAVEFORM_SIGNAL_MISMATCH("VIGIL-1603", "The frame's signal code is not the signal its topic or path names"),
    WAVEFORM_UNKNOWN_SIGNAL("VIGIL-1604", "The topic or path names a signal Vigil does not know (ecg-i, ecg-ii …)"),
    WAVEFORM_JSON_INVALID("VIGIL-1605", "The JSON waveform lacks a member or has one of the wrong type or range");

    private final String code;
    private final String description;

    ErrorCode(String code, String description) {
        this.code = code;
        this.description = description;
    }

    /** The stable code, e.g. {@code VIGIL-1004}. */
    public String code() {
        return code;
    }

    public String description() {
        return description;
    }
}
