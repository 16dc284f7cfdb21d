package io.vigil.server.device;

/** The outcome of checking a device's secret. */
public enum DeviceCheck {
    ACCEPTED,
    /** Unknown device or wrong secret. */
    REFUSED,
    /** The right secret of a revoked device. */
    REVOKED
}
