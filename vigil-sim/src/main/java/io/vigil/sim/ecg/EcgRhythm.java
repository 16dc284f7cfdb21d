package io.vigil.sim.ecg;

import java.util.Locale;
import java.util.Optional;

/** What the synthetic ECG shows. */
public enum EcgRhythm {
    /** Normal sinus rhythm at the given rate, with a little respiratory variation of RR. */
    SINUS,
    /** Sinus rhythm at 35 /min unless a rate is given. */
    BRADYCARDIA,
    /** Sinus rhythm at 165 /min unless a rate is given. */
    TACHYCARDIA,
    /** Atrial fibrillation: no P waves, fibrillatory f waves, irregularly irregular RR around the given rate. */
    ATRIAL_FIBRILLATION,
    /** A flat line (with the baseline wander and noise of a connected electrode). */
    ASYSTOLE,
    /** Sinus rhythm buried in muscle noise and mains interference. */
    NOISE,
    /** Electrodes off: the device flags the frames and sends a flat line. */
    LEADS_OFF;

    /** The command-line name: {@code sinus}, {@code af}, {@code brady}, {@code tachy}, {@code asystole}, {@code noise}, {@code leads-off}. */
    public String cliName() {
        return switch (this) {
            case ATRIAL_FIBRILLATION -> "af";
            case BRADYCARDIA -> "brady";
            case TACHYCARDIA -> "tachy";
            default -> name().toLowerCase(Locale.ROOT).replace('_', '-');
        };
    }

    public static Optional<EcgRhythm> ofCliName(String name) {
        for (EcgRhythm r : values()) {
            if (r.cliName().equals(name)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    double defaultBpm() {
        return switch (this) {
            case BRADYCARDIA -> 35;
            case TACHYCARDIA -> 165;
            case ATRIAL_FIBRILLATION -> 110;
            default -> 72;
        };
    }
}
