package io.vigil.server.medication;

import java.util.Arrays;
import java.util.Optional;

/** What a medication dispenser reports on {@code vigil/v1/devices/{id}/events}. */
public enum DispenserEventType {
    /** Medication was loaded into the dispenser (a cassette, a slot). */
    LOADED("loaded"),
    /** A dose is due now (the dispenser alerts the patient). */
    DOSE_DUE("dose-due"),
    /** The dispenser released a dose into its tray. */
    DOSE_DISPENSED("dose-dispensed"),
    /** The patient took the dose (the dispenser's own confirmation). */
    DOSE_TAKEN("dose-taken"),
    /** The dose was removed from the tray: counted as taken. */
    DOSE_REMOVED("dose-removed"),
    /** The dispenser gave up on a dose (not removed within its own window; often locked away again). */
    DOSE_MISSED("dose-missed"),
    DOOR_OPENED("door-opened"),
    JAM("jam"),
    LOW_STOCK("low-stock"),
    TAMPER("tamper"),
    /** The dispenser received and applied a command ({@code commandId}); {@code detail} "rejected: …" when it could not. */
    COMMAND_ACK("command-ack");

    private final String code;

    DispenserEventType(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** Whether the event means the dose reached the patient. */
    public boolean taken() {
        return this == DOSE_TAKEN || this == DOSE_REMOVED;
    }

    public static Optional<DispenserEventType> ofCode(String code) {
        return Arrays.stream(values()).filter(t -> t.code.equals(code)).findFirst();
    }
}
