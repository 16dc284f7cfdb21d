package io.vigil.codec.template;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.model.MeasurementType;
import io.vigil.model.UnitConversion;
import java.util.List;
import java.util.Map;

/** The compiled parts of a template, checked against the registry when it was loaded. */
final class MappingRules {

    private MappingRules() {
    }

    /** Where a unit comes from: fixed in the template (checked when loaded), or read from the payload. */
    sealed interface UnitRule {
        record Fixed(UnitConversion conversion) implements UnitRule {}

        record Selected(Selector path) implements UnitRule {}
    }

    /**
     * One number of the payload: {@code value × 10^exponent} in {@code unit}.
     *
     * @param exponent selector of a power of ten (Withings' {@code unit}), or null
     * @param unit     null for the type's canonical unit
     */
    record NumberRule(Selector value, Selector exponent, UnitRule unit, Selector sharedParent) {
        /** {@code sharedParent}: what value and exponent both extend by a member name (walked once), or null. */
        NumberRule(Selector value, Selector exponent, UnitRule unit) {
            this(value, exponent, unit, Selector.commonParent(value, exponent));
        }
    }

    /**
     * One measurement a mapping makes.
     *
     * @param number     for quantities and coded types; null for panels
     * @param components for panels, in the panel's component order; empty otherwise
     * @param required   when false, a value the payload lacks is skipped instead of refusing the payload
     */
    record ValueRule(MeasurementType type, NumberRule number, Map<MeasurementType, NumberRule> components,
                     boolean required) {}

    /** Only tokens whose {@code path} selects a value equal to {@code equals} are mapped. */
    record Condition(Selector path, JsonNode equals) {}

    record TimeRule(Selector path, TimeFormat format) {}

    /**
     * One kind of reading in the payload.
     *
     * @param match  selects the tokens (zero, one or many) this mapping reads
     * @param when   or null: every matched token
     * @param time   or null: the receive time
     * @param id     selects the message id that makes a retry idempotent, or null
     */
    record Mapping(Selector match, Condition when, TimeRule time, Selector id, List<ValueRule> values, FilterIndex index) {
        /** {@code index}: the values' filters over one array found in one pass per token, or null. */
        Mapping(Selector match, Condition when, TimeRule time, Selector id, List<ValueRule> values) {
            this(match, when, time, id, values, FilterIndex.of(values));
        }
    }
}
