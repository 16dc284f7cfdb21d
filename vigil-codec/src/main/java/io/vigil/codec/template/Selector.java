package io.vigil.codec.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A JSONPath selector from the small subset mapping templates use: {@code $} (the payload) or {@code @} (the
 * token a mapping matched), then steps {@code .name}, {@code ['name']}, {@code [2]}, {@code [-1]}, {@code [*]},
 * and filters {@code [?(@.type == 'bp')]}, {@code [?(@.type != 9)]}, {@code [?(@.sgv)]} (present and not null) over
 * an array's elements, or over an object itself.
 * No recursive descent, scripts or functions: every selector runs in time linear in the payload. Immutable.
 */
public final class Selector {

    static final int MAX_LENGTH = 256;
    static final int MAX_STEPS = 32;

    sealed interface Step {}

    record Child(String name) implements Step {}

    record Index(int index) implements Step {}

    record Wildcard() implements Step {}

    /** {@code [?(@.a.b op literal)]}; a null literal means "present and not null". */
    record Filter(List<String> path, boolean negated, JsonNode literal) implements Step {}

    private final String text;
    private final boolean relative;
    private final List<Step> steps;

    Selector(String text, boolean relative, List<Step> steps) {
        this.text = text;
        this.relative = relative;
        this.steps = List.copyOf(steps);
    }

    /**
     * @throws IllegalArgumentException with the position and reason when the text is not a selector of the subset
     */
    public static Selector parse(String text) {
        return new SelectorParser(text).selector();
    }

    /** Whether it starts at the matched token ({@code @}) rather than the payload ({@code $}). */
    public boolean relative() {
        return relative;
    }

    /** Whether it can select more than one node (it has a wildcard or a filter). */
    public boolean multiple() {
        return steps.stream().anyMatch(s -> s instanceof Wildcard || s instanceof Filter);
    }

    /**
     * The nodes selected, in document order; at most {@code limit + 1} (so a caller sees that there were more).
     *
     * @param root    the payload
     * @param current the token a mapping matched ({@code @}); the payload when there is none
     */
    public List<JsonNode> select(JsonNode root, JsonNode current, int limit) {
        List<JsonNode> nodes = new ArrayList<>();
        nodes.add(relative ? current : root);
        for (Step step : steps) {
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode node : nodes) {
                apply(step, node, next, limit + 1);
                if (next.size() > limit) {
                    break;
                }
            }
            nodes = next;
            if (nodes.isEmpty()) {
                break;
            }
        }
        return nodes;
    }

    private static void apply(Step step, JsonNode node, List<JsonNode> out, int cap) {
        switch (step) {
            case Child child -> addIfPresent(node.isObject() ? node.get(child.name()) : null, out);
            case Index index -> {
                if (node.isArray()) {
                    int at = index.index() < 0 ? node.size() + index.index() : index.index();
                    addIfPresent(at >= 0 ? node.get(at) : null, out);
                }
            }
            case Wildcard wildcard -> {
                if (node.isArray() || node.isObject()) {
                    for (JsonNode element : node.isArray() ? node : values(node)) {
                        if (out.size() >= cap) {
                            return;
                        }
                        out.add(element);
                    }
                }
            }
            case Filter filter -> {
                if (node.isObject()) {
                    // As Jayway JsonPath does: a filter on an object tests the object itself, so one selector
                    // takes both {"Body": {…}} and {"Body": [{…}, {…}]}.
                    if (accepts(filter, node)) {
                        out.add(node);
                    }
                } else if (node.isArray()) {
                    for (JsonNode element : node) {
                        if (out.size() >= cap) {
                            return;
                        }
                        if (accepts(filter, element)) {
                            out.add(element);
                        }
                    }
                }
            }
        }
    }

    private static Iterable<JsonNode> values(JsonNode object) {
        List<JsonNode> values = new ArrayList<>(object.size());
        for (Map.Entry<String, JsonNode> member : object.properties()) {
            values.add(member.getValue());
        }
        return values;
    }

    private static void addIfPresent(JsonNode node, List<JsonNode> out) {
        if (node != null && !node.isMissingNode()) {
            out.add(node);
        }
    }

    /** Equality of a payload value and a template literal: numbers by value (72 = 72.0), else by JSON value. */
    static boolean sameValue(JsonNode value, JsonNode literal) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return false;
        }
        if (value.isNumber() && literal.isNumber()) {
            return value.decimalValue().compareTo(literal.decimalValue()) == 0;
        }
        return value.equals(literal);
    }

    @Override
    public String toString() {
        return text;
    }

    private static boolean accepts(Filter filter, JsonNode element) {
        JsonNode value = element;
        for (String name : filter.path()) {
            value = value != null && value.isObject() ? value.get(name) : null;
        }
        if (filter.literal() == null) {
            return value != null && !value.isNull();
        }
        return sameValue(value, filter.literal()) != filter.negated();
    }
}
