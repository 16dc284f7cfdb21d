package io.vigil.codec.json;

import static io.vigil.codec.ErrorCode.IMPLAUSIBLE_VALUE;
import static io.vigil.codec.ErrorCode.INVALID_VALUE;
import static io.vigil.codec.ErrorCode.MALFORMED_PAYLOAD;
import static io.vigil.codec.ErrorCode.MISSING_COMPONENT;
import static io.vigil.codec.ErrorCode.UNKNOWN_FIELD;
import static io.vigil.codec.ErrorCode.UNSUPPORTED_UNIT;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.model.MeasuredValue.Component;
import io.vigil.model.MeasuredValue.Panel;
import io.vigil.model.MeasuredValue.Quantity;
import io.vigil.model.MeasurementType;
import io.vigil.model.UnitConversion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a panel such as {@code "blood-pressure": {"systolic": 120, "diastolic": 80, "mean": 93, "unit": "kPa"}}.
 * Members are the components' short names (systolic) or full aliases (systolic-bp); {@code unit} applies to
 * every bare-number component.
 */
final class PanelReader {

    /** The registry does not say which components a panel needs; of blood pressure, only the mean may be left out. */
    private static final Set<String> OPTIONAL_COMPONENTS = Set.of("mean-bp");
    private static final String UNIT = "unit";

    private PanelReader() {
    }

    static Panel read(MeasurementType panel, JsonNode node, String path) throws Rejection {
        if (!(node instanceof ObjectNode object)) {
            throw Rejection.at(INVALID_VALUE, path, path + " must be an object such as " + example(panel)
                    + ", not " + Echo.jsonKind(node) + ".");
        }
        JsonNode unitNode = object.get(UNIT);
        String unit = unitNode == null ? null : QuantityReader.unit(panel, unitNode, path + "." + UNIT).unit();
        List<MeasurementType> types = panel.components();
        Quantity[] quantities = new Quantity[types.size()];
        for (Map.Entry<String, JsonNode> member : object.properties()) {
            if (member.getKey().equals(UNIT)) {
                continue;
            }
            String memberPath = path + "." + Echo.key(member.getKey());
            int index = componentIndex(panel, member.getKey(), memberPath);
            if (quantities[index] != null) {
                throw Rejection.at(MALFORMED_PAYLOAD, memberPath, memberPath + " repeats "
                        + shortName(types.get(index)) + ", which this panel already has.");
            }
            MeasurementType type = types.get(index);
            quantities[index] = QuantityReader.read(type, member.getValue(), memberPath, conversion(type, unit, path));
        }
        List<Component> components = new ArrayList<>(types.size());
        for (int i = 0; i < types.size(); i++) {
            MeasurementType type = types.get(i);
            if (quantities[i] != null) {
                components.add(new Component(type, quantities[i]));
            } else if (!OPTIONAL_COMPONENTS.contains(type.alias())) {
                throw Rejection.at(MISSING_COMPONENT, path + "." + shortName(type), path + " needs "
                        + requiredNames(panel) + "; " + shortName(type) + " is missing.");
            }
        }
        checkSystolicAboveDiastolic(components, path);
        return new Panel(components);
    }

    /** The JSON member name of a component: its alias without the panel suffix (systolic-bp → systolic). */
    static String shortName(MeasurementType component) {
        String alias = component.alias();
        return alias.endsWith("-bp") ? alias.substring(0, alias.length() - 3) : alias;
    }

    /** A minimal valid value of the panel, for reasons: {"systolic": …, "diastolic": …}. */
    static String example(MeasurementType panel) {
        StringBuilder out = new StringBuilder("{");
        for (MeasurementType type : panel.components()) {
            if (!OPTIONAL_COMPONENTS.contains(type.alias())) {
                out.append(out.length() > 1 ? ", " : "").append('"').append(shortName(type)).append("\": …");
            }
        }
        return out.append('}').toString();
    }

    private static int componentIndex(MeasurementType panel, String key, String memberPath) throws Rejection {
        MeasurementType component = panel.component(key).orElse(null);
        List<MeasurementType> types = panel.components();
        for (int i = 0; component != null && i < types.size(); i++) {
            if (types.get(i) == component) {
                return i;
            }
        }
        throw Rejection.at(UNKNOWN_FIELD, memberPath, memberPath + " is not a member of " + panel.alias()
                + "; use " + allNames(panel) + " and unit.");
    }

    private static UnitConversion conversion(MeasurementType component, String unit, String path) throws Rejection {
        if (unit == null) {
            return null;
        }
        UnitConversion conversion = component.conversionFor(unit).orElse(null);
        if (conversion == null) {
            throw Rejection.at(UNSUPPORTED_UNIT, path + "." + UNIT, path + ".unit " + unit
                    + " is not accepted for " + component.alias() + ".");
        }
        return conversion;
    }

    private static void checkSystolicAboveDiastolic(List<Component> components, String path) throws Rejection {
        Quantity systolic = null;
        Quantity diastolic = null;
        for (Component component : components) {
            switch (component.type().alias()) {
                case "systolic-bp" -> systolic = component.quantity();
                case "diastolic-bp" -> diastolic = component.quantity();
                default -> { }
            }
        }
        if (systolic != null && diastolic != null && !(systolic.value() > diastolic.value())) {
            throw Rejection.at(IMPLAUSIBLE_VALUE, path, path + " has systolic " + Echo.number(systolic.value())
                    + " " + systolic.unit() + " not above diastolic " + Echo.number(diastolic.value()) + " "
                    + diastolic.unit() + "; systolic pressure must exceed diastolic.");
        }
    }

    private static String requiredNames(MeasurementType panel) {
        return String.join(" and ", panel.components().stream()
                .filter(c -> !OPTIONAL_COMPONENTS.contains(c.alias())).map(PanelReader::shortName).toList());
    }

    private static String allNames(MeasurementType panel) {
        return String.join(", ", panel.components().stream().map(PanelReader::shortName).toList());
    }
}
