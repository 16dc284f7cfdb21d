package io.vigil.codec.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.codec.template.MappingRules.Condition;
import io.vigil.codec.template.MappingRules.Mapping;
import io.vigil.codec.template.MappingRules.NumberRule;
import io.vigil.codec.template.MappingRules.TimeRule;
import io.vigil.codec.template.MappingRules.UnitRule;
import io.vigil.codec.template.MappingRules.ValueRule;
import io.vigil.model.MeasurementRegistry;
import io.vigil.model.MeasurementType;
import io.vigil.model.UnitConversion;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Loads a mapping template (JSON) and checks it completely before it may map anything: JSON syntax, known
 * members, selector syntax, measurement types (registry alias or LOINC), fixed units convertible to the type's
 * canonical unit, panels with their required components. A refusal names the line and column. Thread-safe.
 */
public final class TemplateCompiler {

    static final int MAX_TEMPLATE_BYTES = 64 * 1024;
    static final int MAX_MAPPINGS = 32;
    static final int MAX_VALUES = 64;
    /** Of a blood-pressure panel only the mean may be left out, as in device JSON. */
    private static final Set<String> OPTIONAL_COMPONENTS = Set.of("mean-bp");

    private static final Set<String> TOP = Set.of("description", "source", "deviceId", "mappings");
    private static final Set<String> MAPPING = Set.of("match", "when", "time", "id", "values");
    private static final Set<String> VALUE = Set.of("type", "value", "exponent", "unit", "required", "components");
    private static final Set<String> NUMBER = Set.of("value", "exponent", "unit");

    private final MeasurementRegistry registry;
    private final Map<MeasurementType, MeasurementType> panelOfComponent = new IdentityHashMap<>();

    public TemplateCompiler(MeasurementRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        for (MeasurementType type : registry.types()) {
            type.components().forEach(component -> panelOfComponent.put(component, type));
        }
    }

    /**
     * @param name   the template's name ({@link MappingTemplate#validName})
     * @param source the template text (UTF-8 JSON)
     */
    public TemplateCompilation compile(String name, byte[] source) {
        if (!MappingTemplate.validName(name)) {
            return new TemplateCompilation.Refused(0, 0, "A template name has 1 to 64 characters from a-z, 0-9, '.', '_'"
                    + " and '-', starting with a letter or digit.");
        }
        try {
            TemplateSource template = TemplateSource.read(source, MAX_TEMPLATE_BYTES);
            return new TemplateCompilation.Compiled(template(name, template));
        } catch (TemplateSource.Refusal refusal) {
            return refusal.refused();
        }
    }

    private MappingTemplate template(String name, TemplateSource source) throws TemplateSource.Refusal {
        ObjectNode root = source.object("", source.root(), "the template");
        source.onlyMembers("", root, TOP);
        String description = source.optionalText("/description", root.get("description"));
        String origin = source.optionalText("/source", root.get("source"));
        Selector deviceId = root.has("deviceId") ? selector(source, "/deviceId", root.get("deviceId")) : null;
        JsonNode mappings = root.get("mappings");
        if (mappings == null || !mappings.isArray() || mappings.isEmpty()) {
            throw source.refuse(mappings == null ? "" : "/mappings",
                    "\"mappings\" must be a non-empty array of mappings, each with its \"values\".");
        }
        if (mappings.size() > MAX_MAPPINGS) {
            throw source.refuse("/mappings", "A template has at most " + MAX_MAPPINGS + " mappings.");
        }
        List<Mapping> compiled = new ArrayList<>();
        for (int i = 0; i < mappings.size(); i++) {
            compiled.add(mapping(source, "/mappings/" + i, mappings.get(i)));
        }
        return new MappingTemplate(name, description, origin, deviceId, compiled);
    }

    private Mapping mapping(TemplateSource source, String at, JsonNode node) throws TemplateSource.Refusal {
        ObjectNode mapping = source.object(at, node, "a mapping");
        source.onlyMembers(at, mapping, MAPPING);
        Selector match = mapping.has("match") ? absolute(source, at + "/match", mapping.get("match")) : Selector.parse("$");
        Condition when = mapping.has("when") ? condition(source, at + "/when", mapping.get("when")) : null;
        TimeRule time = mapping.has("time") ? time(source, at + "/time", mapping.get("time")) : null;
        Selector id = mapping.has("id") ? selector(source, at + "/id", mapping.get("id")) : null;
        JsonNode values = mapping.get("values");
        if (values == null || !values.isArray() || values.isEmpty()) {
            throw source.refuse(values == null ? at : at + "/values",
                    "A mapping needs \"values\": a non-empty array such as [{\"type\": \"heart-rate\", \"value\": \"@.hr\"}].");
        }
        if (values.size() > MAX_VALUES) {
            throw source.refuse(at + "/values", "A mapping has at most " + MAX_VALUES + " values.");
        }
        List<ValueRule> rules = new ArrayList<>();
        Map<MeasurementType, String> seen = new IdentityHashMap<>();
        for (int i = 0; i < values.size(); i++) {
            ValueRule rule = value(source, at + "/values/" + i, values.get(i));
            String earlier = seen.putIfAbsent(rule.type(), at + "/values/" + i);
            if (earlier != null) {
                throw source.refuse(at + "/values/" + i + "/type", rule.type().alias()
                        + " is mapped twice in this mapping; one reading has one value per measurement type.");
            }
            rules.add(rule);
        }
        return new Mapping(match, when, time, id, rules);
    }

    private ValueRule value(TemplateSource source, String at, JsonNode node) throws TemplateSource.Refusal {
        ObjectNode value = source.object(at, node, "a value");
        source.onlyMembers(at, value, VALUE);
        MeasurementType type = type(source, at + "/type", value.get("type"), at);
        boolean required = true;
        if (value.has("required")) {
            if (!value.get("required").isBoolean()) {
                throw source.refuse(at + "/required", "\"required\" is true or false.");
            }
            required = value.get("required").booleanValue();
        }
        return switch (type.kind()) {
            case PANEL -> panel(source, at, value, type, required);
            case QUANTITY -> {
                if (value.has("components")) {
                    throw source.refuse(at + "/components", type.alias() + " is not a panel; it has no components.");
                }
                yield new ValueRule(type, number(source, at, value, type, null), Map.of(), required);
            }
            case CODED -> {
                for (String member : List.of("exponent", "unit", "components")) {
                    if (value.has(member)) {
                        throw source.refuse(at + "/" + member, type.alias() + " is coded (one of "
                                + type.answers().stream().map(MeasurementType.Answer::code).collect(Collectors.joining(", "))
                                + "); it takes no \"" + member + "\".");
                    }
                }
                Selector selected = selector(source, at + "/value", required(source, at, value, "value"));
                yield new ValueRule(type, new NumberRule(selected, null, null), Map.of(), required);
            }
        };
    }

    private ValueRule panel(TemplateSource source, String at, ObjectNode value, MeasurementType panel, boolean required)
            throws TemplateSource.Refusal {
        for (String member : List.of("value", "exponent")) {
            if (value.has(member)) {
                throw source.refuse(at + "/" + member, panel.alias() + " is a panel: map each component under"
                        + " \"components\", e.g. {\"systolic\": {\"value\": \"@.sys\"}, \"diastolic\": {\"value\": \"@.dia\"}}.");
            }
        }
        if (value.has("unit")) {
            unit(source, at + "/unit", value.get("unit"), panel); // checked even if every component names its own
        }
        JsonNode components = required(source, at, value, "components");
        ObjectNode members = source.object(at + "/components", components, "\"components\"");
        Map<MeasurementType, NumberRule> rules = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> member : members.properties()) {
            String memberAt = at + "/components/" + TemplateSource.escape(member.getKey());
            MeasurementType component = panel.component(member.getKey()).orElse(null);
            if (component == null) {
                throw source.refuse(memberAt, "\"" + member.getKey() + "\" is not a component of " + panel.alias()
                        + "; its components are " + panel.components().stream().map(MeasurementType::alias)
                        .collect(Collectors.joining(", ")) + ".");
            }
            if (rules.containsKey(component)) {
                throw source.refuse(memberAt, component.alias() + " is mapped twice in this panel.");
            }
            ObjectNode spec = source.object(memberAt, member.getValue(), "a component");
            source.onlyMembers(memberAt, spec, NUMBER);
            rules.put(component, number(source, memberAt, spec, component, value.get("unit") == null ? null
                    : new PanelUnit(at + "/unit", value.get("unit"))));
        }
        Map<MeasurementType, NumberRule> ordered = new LinkedHashMap<>();
        for (MeasurementType component : panel.components()) {
            NumberRule rule = rules.get(component);
            if (rule != null) {
                ordered.put(component, rule);
            } else if (!OPTIONAL_COMPONENTS.contains(component.alias())) {
                throw source.refuse(at + "/components", panel.alias() + " needs " + component.alias()
                        + " among its components.");
            }
        }
        return new ValueRule(panel, null, ordered, required);
    }

    /** A panel's own unit, inherited by the components that name none. */
    private record PanelUnit(String at, JsonNode node) {}

    private NumberRule number(TemplateSource source, String at, ObjectNode spec, MeasurementType type, PanelUnit inherited)
            throws TemplateSource.Refusal {
        Selector value = selector(source, at + "/value", required(source, at, spec, "value"));
        Selector exponent = spec.has("exponent") ? selector(source, at + "/exponent", spec.get("exponent")) : null;
        UnitRule unit = null;
        if (spec.has("unit")) {
            unit = unit(source, at + "/unit", spec.get("unit"), type);
        } else if (inherited != null) {
            unit = unit(source, inherited.at(), inherited.node(), type);
        }
        return new NumberRule(value, exponent, unit);
    }

    private static UnitRule unit(TemplateSource source, String at, JsonNode node, MeasurementType type)
            throws TemplateSource.Refusal {
        if (node.isTextual()) {
            UnitConversion conversion = type.conversionFor(node.textValue()).orElse(null);
            if (conversion == null) {
                // A panel (blood pressure) has no unit of its own; its components share theirs.
                String canonical = type.canonicalUnit() != null ? type.canonicalUnit()
                        : type.components().getFirst().canonicalUnit();
                throw source.refuse(at, "unit \"" + node.textValue() + "\" cannot be converted to " + canonical
                        + " for " + type.alias() + "; use one of: " + type.acceptedUnits().stream()
                        .map(UnitConversion::unit).collect(Collectors.joining(", ")) + ".");
            }
            return new UnitRule.Fixed(conversion);
        }
        if (node instanceof ObjectNode object && object.size() == 1 && object.has("path")) {
            return new UnitRule.Selected(selector(source, at + "/path", object.get("path")));
        }
        throw source.refuse(at, "\"unit\" is a UCUM unit such as \"kg\", or {\"path\": \"@.unit\"} to read it from the payload.");
    }

    private MeasurementType type(TemplateSource source, String at, JsonNode node, String valueAt)
            throws TemplateSource.Refusal {
        if (node == null) {
            throw source.refuse(valueAt, "A value needs \"type\": a Vigil measurement alias (such as heart-rate) or a LOINC code.");
        }
        String key = node.isTextual() ? node.textValue() : null;
        boolean padded = key == null || key.isEmpty() || key.charAt(0) <= ' ' || key.charAt(key.length() - 1) <= ' ';
        MeasurementType type = padded ? null : registry.find(key).orElse(null);
        if (type == null) {
            throw source.refuse(at, (key == null ? "\"type\" must be a string" : "\"" + key
                    + "\" is neither a Vigil measurement alias (such as heart-rate) nor a LOINC code Vigil knows") + ".");
        }
        MeasurementType panel = panelOfComponent.get(type);
        if (panel != null) {
            throw source.refuse(at, type.alias() + " is a component of " + panel.alias() + "; map it as {\"type\": \""
                    + panel.alias() + "\", \"components\": {…}}.");
        }
        return type;
    }

    private static Condition condition(TemplateSource source, String at, JsonNode node) throws TemplateSource.Refusal {
        ObjectNode when = source.object(at, node, "\"when\"");
        source.onlyMembers(at, when, Set.of("path", "equals"));
        Selector path = selector(source, at + "/path", required(source, at, when, "path"));
        JsonNode equals = required(source, at, when, "equals");
        if (!equals.isValueNode() || equals.isNull()) {
            throw source.refuse(at + "/equals", "\"equals\" is a string, a number, true or false.");
        }
        return new Condition(path, equals);
    }

    private static TimeRule time(TemplateSource source, String at, JsonNode node) throws TemplateSource.Refusal {
        ObjectNode time = source.object(at, node, "\"time\"");
        source.onlyMembers(at, time, Set.of("path", "format"));
        Selector path = selector(source, at + "/path", required(source, at, time, "path"));
        JsonNode format = required(source, at, time, "format");
        TimeFormat parsed = format.isTextual() ? TimeFormat.named(format.textValue()).orElse(null) : null;
        if (parsed == null) {
            throw source.refuse(at + "/format", "\"format\" is one of " + TimeFormat.allNames() + ".");
        }
        return new TimeRule(path, parsed);
    }

    private static JsonNode required(TemplateSource source, String at, ObjectNode object, String member)
            throws TemplateSource.Refusal {
        JsonNode node = object.get(member);
        if (node == null) {
            throw source.refuse(at, "\"" + member + "\" is missing here.");
        }
        return node;
    }

    private static Selector absolute(TemplateSource source, String at, JsonNode node) throws TemplateSource.Refusal {
        Selector selector = selector(source, at, node);
        if (selector.relative()) {
            throw source.refuse(at, "this selector starts at the payload: write $…, not @….");
        }
        return selector;
    }

    private static Selector selector(TemplateSource source, String at, JsonNode node) throws TemplateSource.Refusal {
        if (!node.isTextual()) {
            throw source.refuse(at, "a selector is a string such as \"$.readings[*]\" or \"@.value\".");
        }
        try {
            return Selector.parse(node.textValue());
        } catch (IllegalArgumentException e) {
            throw source.refuse(at, e.getMessage() + ".");
        }
    }
}
