package io.vigil.server.medication;

/** What became of one scheduled dose. */
public enum DoseOutcome {
    /** Taken within the on-time window of its scheduled time. */
    ON_TIME("on-time"),
    /** Taken, but outside the on-time window. */
    LATE("late"),
    /** Not taken within the window (or the dispenser reported it missed). */
    MISSED("missed"),
    /** Not taken yet, and its window is still open. */
    PENDING("pending");

    private final String code;

    DoseOutcome(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    boolean taken() {
        return this == ON_TIME || this == LATE;
    }
}
