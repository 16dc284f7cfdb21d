package io.vigil.codec.json;

import static io.vigil.codec.ErrorCode.IMPLAUSIBLE_VALUE;
import static io.vigil.codec.ErrorCode.INVALID_VALUE;
import static io.vigil.codec.ErrorCode.UNKNOWN_FIELD;
import static io.vigil.codec.ErrorCode.UNSUPPORTED_UNIT;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.model.MeasuredValue.Quantity;
import io.vigil.model.MeasurementType;
import io.vigil.model.UnitConversion;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads a quantity: a bare JSON number, or {@code {"value": n, "unit": "…"}}; converts it to the type's
 * canonical UCUM unit and checks it against the plausible range.
 */
final class QuantityReader {

    private QuantityReader() {
    }

    /**
     * @param node       the JSON value
     * @param path       its field path
     * @param bareNumber the unit a bare number is in; {@code null} for the canonical unit
     */
    static Quantity read(MeasurementType type, JsonNode node, String path, UnitConversion bareNumber)
            throws Rejection {
        if (node.isNumber()) {
            return canonical(type, finite(node, path), bareNumber, path);
        }
        if (node instanceof ObjectNode object) {
            return fromObject(type, object, path, bareNumber);
        }
        throw Rejection.at(INVALID_VALUE, path, path + " must be a number in " + type.canonicalUnit()
                + " or {\"value\": n, \"unit\": \"…\"}, not " + Echo.jsonKind(node) + ".");
    }

    /** The conversion for a unit the device named, or UNSUPPORTED_UNIT listing the accepted ones. */
    static UnitConversion unit(MeasurementType type, JsonNode node, String path) throws Rejection {
        UnitConversion conversion = node.isTextual() ? type.conversionFor(node.textValue()).orElse(null) : null;
        if (conversion == null) {
            String accepted = type.acceptedUnits().stream().map(UnitConversion::unit)
                    .collect(Collectors.joining(", "));
            throw Rejection.at(UNSUPPORTED_UNIT, path, path + " is " + Echo.jsonKind(node)
                    + ", which is not a unit accepted for " + type.alias() + "; use one of: " + accepted + ".");
        }
        return conversion;
    }

    private static Quantity fromObject(MeasurementType type, ObjectNode object, String path,
                                       UnitConversion bareNumber) throws Rejection {
        JsonNode value = null;
        UnitConversion unit = bareNumber;
        for (Map.Entry<String, JsonNode> member : object.properties()) {
            switch (member.getKey()) {
                case "value" -> value = member.getValue();
                case "unit" -> unit = unit(type, member.getValue(), path + ".unit");
                default -> throw Rejection.at(UNKNOWN_FIELD, path + "." + Echo.key(member.getKey()),
                        path + " has an unknown member \"" + Echo.key(member.getKey())
                                + "\"; a quantity has only value and unit.");
            }
        }
        String valuePath = path + ".value";
        if (value == null) {
            throw Rejection.at(INVALID_VALUE, valuePath, path + " has no value member.");
        }
        if (!value.isNumber()) {
            throw Rejection.at(INVALID_VALUE, valuePath,
                    valuePath + " must be a number, not " + Echo.jsonKind(value) + ".");
        }
        return canonical(type, finite(value, valuePath), unit, path);
    }

    private static double finite(JsonNode number, String path) throws Rejection {
        double value = number.doubleValue();
        if (!Double.isFinite(value)) {
            throw Rejection.at(INVALID_VALUE, path, path + " is not a finite number.");
        }
        return value;
    }

    private static Quantity canonical(MeasurementType type, double value, UnitConversion unit, String path)
            throws Rejection {
        double canonical = unit == null ? value : unit.toCanonical(value);
        if (!type.plausible().contains(canonical)) {
            String given = unit == null || unit.unit().equals(type.canonicalUnit())
                    ? "" : " (" + Echo.number(value) + " " + unit.unit() + ")";
            throw Rejection.at(IMPLAUSIBLE_VALUE, path, path + " is " + Echo.number(canonical) + " "
                    + type.canonicalUnit() + given + ", outside the plausible range "
                    + Echo.number(type.plausible().min()) + "–" + Echo.number(type.plausible().max()) + " "
                    + type.canonicalUnit() + " for " + type.alias() + ".");
        }
        return new Quantity(canonical, type.canonicalUnit());
    }
}
