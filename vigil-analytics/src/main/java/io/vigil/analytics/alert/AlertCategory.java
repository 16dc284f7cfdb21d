package io.vigil.analytics.alert;

import java.util.Optional;

/**
 * IEC 60601-1-8's two kinds of alarm condition: about the patient (physiological) or about the equipment
 * or its data (technical: sensor off, no data, implausible value, clock off).
 */
public enum AlertCategory {
    PHYSIOLOGICAL("physiological"), TECHNICAL("technical");

    private final String code;

    AlertCategory(String code) {
        this.code = code;
    }

    /** The lower-case code the API uses. */
    public String code() {
        return code;
    }

    /** The category with this code, or empty for anything else. */
    public static Optional<AlertCategory> ofCode(String code) {
        for (AlertCategory c : values()) {
            if (c.code.equals(code)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
