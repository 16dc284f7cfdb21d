package io.vigil.analytics.news2;

/**
 * The RCP's recommended clinical response and minimum monitoring frequency for a NEWS2 score
 * (RCP 2017, Table 2 "NEWS thresholds and triggers" and Table 3 "Clinical response"), abridged.
 * Not for clinical use: Vigil is not a medical device.
 */
public enum News2Response {
    ROUTINE("12-hourly", "Continue routine NEWS monitoring."),
    WARD_ASSESSMENT("4–6-hourly",
            "Inform a registered nurse, who must assess the patient and decide whether more frequent monitoring"
                    + " or escalation of care is needed."),
    URGENT_WARD_RESPONSE("hourly",
            "Urgent ward-based response: the registered nurse informs the medical team caring for the patient,"
                    + " who review and decide whether escalation of care is needed."),
    URGENT_RESPONSE("hourly",
            "Urgent response: the registered nurse immediately informs the medical team and requests urgent"
                    + " assessment by a clinician or team competent in the care of acutely ill patients;"
                    + " care in an environment with monitoring facilities."),
    EMERGENCY_RESPONSE("continuous",
            "Emergency response: immediately inform the medical team (at least specialist registrar level);"
                    + " emergency assessment by a team with critical-care competencies including airway"
                    + " management; consider transfer to a level 2 or 3 care facility.");

    /** Appended to every response text shown to users. */
    public static final String NOT_FOR_CLINICAL_USE = "Not for clinical use.";

    private final String monitoring;
    private final String action;

    News2Response(String monitoring, String action) {
        this.monitoring = monitoring;
        this.action = action;
    }

    /** The minimum monitoring frequency, e.g. "hourly". */
    public String monitoring() {
        return monitoring;
    }

    /** The recommended response, ending with "Not for clinical use." */
    public String action() {
        return action + " " + NOT_FOR_CLINICAL_USE;
    }

    /** The response for a complete score. */
    public static News2Response of(int total, boolean singleParameterThree) {
        return switch (News2Band.of(total, singleParameterThree)) {
            case HIGH -> EMERGENCY_RESPONSE;
            case MEDIUM -> URGENT_RESPONSE;
            case LOW_MEDIUM -> URGENT_WARD_RESPONSE;
            case LOW -> total == 0 ? ROUTINE : WARD_ASSESSMENT;
        };
    }
}
