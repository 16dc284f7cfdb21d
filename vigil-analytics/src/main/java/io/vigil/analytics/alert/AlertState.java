package io.vigil.analytics.alert;

import java.util.Optional;

/** Where an alert is in its life: active → acknowledged → resolved (or active → resolved). */
public enum AlertState {
    ACTIVE("active"), ACKNOWLEDGED("acknowledged"), RESOLVED("resolved");

    private final String code;

    AlertState(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** Whether staff still have to act on it: a new breach of its rule updates it instead of opening another. */
    public boolean open() {
        return this != RESOLVED;
    }

    public static Optional<AlertState> ofCode(String code) {
        for (AlertState s : values()) {
            if (s.code.equals(code)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
