package io.vigil.model;

/** Where a reading's time came from. */
public enum TimeSource {
    /** The device stamped the reading. */
    DEVICE,
    /** The device sent no time: Vigil used the time it received the reading. */
    RECEIVED
}
