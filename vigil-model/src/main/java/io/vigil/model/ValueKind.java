package io.vigil.model;

/** The shape of a measurement's value. */
public enum ValueKind {
    /** A number with a UCUM unit. */
    QUANTITY,
    /** A code from a fixed answer list (e.g. ACVPU). */
    CODED,
    /** A panel of quantity components (e.g. blood pressure). */
    PANEL
}
