package io.vigil.server.rule;

import io.vigil.analytics.limit.LimitRule;
import java.time.Instant;

/**
 * A limit in force for a patient and where it comes from.
 *
 * @param setBy who set the override; null unless the source is {@link Source#OVERRIDE}
 * @param setAt when; null unless the source is {@link Source#OVERRIDE}
 */
public record EffectiveLimit(String patientId, LimitRule rule, Source source, String setBy, Instant setAt) {

    /** Where a limit in force comes from. */
    public enum Source {
        /** The adult default (NEWS2 Chart 1 extreme bands). */
        DEFAULT("default"),
        /** The default for a patient on NEWS2 SpO2 scale 2. */
        SCALE_2("scale-2"),
        /** A clinician's override for this patient. */
        OVERRIDE("override");

        private final String code;

        Source(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }
}
