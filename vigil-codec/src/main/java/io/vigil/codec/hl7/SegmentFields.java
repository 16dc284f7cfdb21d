package io.vigil.codec.hl7;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.model.Type;
import ca.uhn.hl7v2.util.Terser;

/**
 * Reads components of parsed segments the same way for HAPI's typed segments and for segments the v2.6 structure
 * does not define (PRT, which PCD-01 pre-adopts from v2.7): text already unescaped, empty as null.
 */
final class SegmentFields {
    private SegmentFields() {
    }

    /** Repetitions of a field. */
    static int repetitions(Segment segment, int field) {
        try {
            return field <= segment.numFields() ? segment.getField(field).length : 0;
        } catch (HL7Exception e) {
            return 0;
        }
    }

    /** Component (1-based) of the first repetition of a field. */
    static String text(Segment segment, int field, int component) {
        return text(segment, field, 0, component, 1);
    }

    static String text(Segment segment, int field, int repetition, int component, int subcomponent) {
        try {
            if (field > segment.numFields()) {
                return null;
            }
            Type[] repetitions = segment.getField(field);
            if (repetition >= repetitions.length) {
                return null;
            }
            String value = Terser.getPrimitive(repetitions[repetition], component, subcomponent).getValue();
            return value == null || value.isBlank() ? null : value.trim();
        } catch (HL7Exception | RuntimeException e) {
            // A component the type does not have reads as empty, as in ER7 itself.
            return null;
        }
    }
}
