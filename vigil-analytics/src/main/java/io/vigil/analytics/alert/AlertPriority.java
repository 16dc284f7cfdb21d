package io.vigil.analytics.alert;

import java.util.Optional;

/** Alarm priority in IEC 60601-1-8's vocabulary: how soon someone must respond. */
public enum AlertPriority {
    HIGH("high"), MEDIUM("medium"), LOW("low");

    private final String code;

    AlertPriority(String code) {
        this.code = code;
    }

    /** The lower-case code the API uses. */
    public String code() {
        return code;
    }

    /** The priority with this code, or empty for anything else. */
    public static Optional<AlertPriority> ofCode(String code) {
        for (AlertPriority p : values()) {
            if (p.code.equals(code)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
