package io.vigil.codec.json;

import static io.vigil.codec.ErrorCode.INVALID_CODE;
import static io.vigil.codec.ErrorCode.MALFORMED_PAYLOAD;
import static io.vigil.codec.ErrorCode.MISSING_VALUES;
import static io.vigil.codec.ErrorCode.PAYLOAD_TOO_LARGE;
import static io.vigil.codec.ErrorCode.UNKNOWN_MEASUREMENT;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.model.MeasuredValue;
import io.vigil.model.MeasurementRegistry;
import io.vigil.model.MeasurementType;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Reads a message's {@code values} object: each key a registry alias or LOINC code, each value of its type's kind. */
final class ValuesReader {

    /** One decoded entry of {@code values}, before the message's time is known. */
    record Reading(MeasurementType type, MeasuredValue value) {}

    private final MeasurementRegistry registry;
    private final int maxValues;
    private final Map<MeasurementType, MeasurementType> panelOfComponent = new IdentityHashMap<>();

    ValuesReader(MeasurementRegistry registry, int maxValues) {
        this.registry = registry;
        this.maxValues = maxValues;
        for (MeasurementType type : registry.types()) {
            for (MeasurementType component : type.components()) {
                panelOfComponent.put(component, type);
            }
        }
    }

    /** The readings of one {@code values} object, in the order of its keys. */
    List<Reading> read(JsonNode values, String path) throws Rejection {
        if (!(values instanceof ObjectNode object) || object.isEmpty()) {
            String got = values == null ? "is missing" : values.isObject() ? "is empty" : "is " + Echo.jsonKind(values);
            throw Rejection.at(MISSING_VALUES, path, path + " " + got
                    + "; a message needs a non-empty object such as {\"heart-rate\": 72}.");
        }
        if (object.size() > maxValues) {
            throw Rejection.at(PAYLOAD_TOO_LARGE, path, path + " has " + object.size()
                    + " measurements; at most " + maxValues + " are allowed in one message.");
        }
        List<Reading> readings = new ArrayList<>(object.size());
        Map<MeasurementType, String> seen = new IdentityHashMap<>();
        for (Map.Entry<String, JsonNode> entry : object.properties()) {
            String key = entry.getKey();
            String valuePath = path + "." + Echo.key(key);
            MeasurementType type = type(key, valuePath);
            String earlier = seen.putIfAbsent(type, valuePath);
            if (earlier != null) {
                throw Rejection.at(MALFORMED_PAYLOAD, valuePath, valuePath + " is " + type.alias()
                        + " again, already given as " + earlier + "; send one value per measurement and message.");
            }
            readings.add(new Reading(type, value(type, entry.getValue(), valuePath)));
        }
        return readings;
    }

    private MeasurementType type(String key, String path) throws Rejection {
        // The registry trims; a strict decoder does not let " heart-rate" pass as heart-rate.
        boolean padded = key.isEmpty() || key.charAt(0) <= ' ' || key.charAt(key.length() - 1) <= ' ';
        MeasurementType type = padded ? null : registry.find(key).orElse(null);
        if (type == null) {
            throw Rejection.at(UNKNOWN_MEASUREMENT, path, "\"" + Echo.key(key)
                    + "\" is neither a Vigil measurement alias (such as heart-rate) nor a LOINC code Vigil knows.");
        }
        MeasurementType panel = panelOfComponent.get(type);
        if (panel != null) {
            throw Rejection.at(UNKNOWN_MEASUREMENT, path, "\"" + Echo.key(key) + "\" is a component of " + panel.alias()
                    + "; send it as \"" + panel.alias() + "\": " + PanelReader.example(panel) + ".");
        }
        return type;
    }

    private static MeasuredValue value(MeasurementType type, JsonNode node, String path) throws Rejection {
        return switch (type.kind()) {
            case QUANTITY -> QuantityReader.read(type, node, path, null);
            case PANEL -> PanelReader.read(type, node, path);
            case CODED -> coded(type, node, path);
        };
    }

    private static MeasuredValue coded(MeasurementType type, JsonNode node, String path) throws Rejection {
        MeasurementType.Answer answer = node.isTextual() ? type.answer(node.textValue()).orElse(null) : null;
        if (answer == null) {
            String allowed = type.answers().stream().map(MeasurementType.Answer::code)
                    .collect(Collectors.joining(", "));
            throw Rejection.at(INVALID_CODE, path, path + " is " + Echo.jsonKind(node)
                    + "; it must be one of the strings " + allowed + ".");
        }
        return new MeasuredValue.Coded(answer);
    }
}
