package io.vigil.codec.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
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
    private final boolean multiple;

    Selector(String text, boolean relative, List<Step> steps) {
        this.text = text;
        this.relative = relative;
        this.steps = List.copyOf(steps);
        this.multiple = steps.stream().anyMatch(s -> s instanceof Wildcard || s instanceof Filter);
    }

    /**
     * @throws IllegalArgumentException with the position and reason when the text is not a selector of the subset
     */
    public static Selector parse(String text) {
        return new SelectorParser(text).selector();
    }

    /**
     * The selector both {@code a} and {@code b} extend by one member name ({@code @.m[?(@.type == 1)]} of
     * {@code @.m[?(@.type == 1)].value} and {@code ….unit}), or null: lets a caller walk the shared part once.
     */
    static Selector commonParent(Selector a, Selector b) {
        if (a == null || b == null || a.relative != b.relative || a.steps.size() != b.steps.size() || a.steps.isEmpty()
                || !(a.steps.getLast() instanceof Child) || !(b.steps.getLast() instanceof Child)) {
            return null;
        }
        List<Step> prefix = a.steps.subList(0, a.steps.size() - 1);
        if (!prefix.equals(b.steps.subList(0, b.steps.size() - 1))) {
            return null;
        }
        return new Selector(a.text + " (without its last member)", a.relative, prefix);
    }

    /** The member name of the last step, when it is one ({@code value} of {@code @.m[0].value}); else null. */
    String lastName() {
        return !steps.isEmpty() && steps.getLast() instanceof Child child ? child.name() : null;
    }

    /** Whether it starts at the matched token ({@code @}) rather than the payload ({@code $}). */
    public boolean relative() {
        return relative;
    }

    /** Whether it can select more than one node (it has a wildcard or a filter). */
    public boolean multiple() {
        return multiple;
    }

    /**
     * The nodes selected, in document order; at most {@code limit + 1} (so a caller sees that there were more).
     *
     * @param root    the payload
     * @param current the token a mapping matched ({@code @}); the payload when there is none
     */
    public List<JsonNode> select(JsonNode root, JsonNode current, int limit) {
        return select(root, current, limit, null);
    }

    /**
     * As {@link #select(JsonNode, JsonNode, int)}, with the matches of equality filters over arrays looked up in
     * {@code index} (one per payload) instead of tested element by element; null: tested.
     */
    List<JsonNode> select(JsonNode root, JsonNode current, int limit, FilterIndex index) {
        if (!multiple) {
            JsonNode node = single(relative ? current : root);
            return node == null ? List.of() : List.of(node);
        }
        List<JsonNode> out = new ArrayList<>();
        walk(relative ? current : root, 0, out, limit + 1, index);
        return out;
    }

    /**
     * Follows the steps from {@code node} depth first, adding what the last step selects in document order, and stops
     * once {@code cap} nodes are found: one list for the whole walk, none per step.
     */
    private void walk(JsonNode node, int step, List<JsonNode> out, int cap, FilterIndex index) {
        if (step == steps.size()) {
            out.add(node);
            return;
        }
        switch (steps.get(step)) {
            case Child child -> next(node.isObject() ? node.get(child.name()) : null, step, out, cap, index);
            case Index at -> next(node.isArray() ? element(node, at.index()) : null, step, out, cap, index);
            case Wildcard wildcard -> {
                if (node.isArray() || node.isObject()) {
                    for (JsonNode element : node.isArray() ? node : values(node)) {
                        if (out.size() >= cap) {
                            return;
                        }
                        walk(element, step + 1, out, cap, index);
                    }
                }
            }
            case Filter filter -> {
                if (node.isObject()) {
                    // As Jayway JsonPath does: a filter on an object tests the object itself, so one selector
                    // takes both {"Body": {…}} and {"Body": [{…}, {…}]}.
                    if (accepts(filter, node)) {
                        walk(node, step + 1, out, cap, index);
                    }
                } else if (node.isArray()) {
                    List<JsonNode> matches = index == null ? null : index.matches(node, filter);
                    for (JsonNode element : matches != null ? matches : node) {
                        if (out.size() >= cap) {
                            return;
                        }
                        if (matches != null || accepts(filter, element)) {
                            walk(element, step + 1, out, cap, index);
                        }
                    }
                }
            }
        }
    }

    private void next(JsonNode node, int step, List<JsonNode> out, int cap, FilterIndex index) {
        if (node != null && !node.isMissingNode()) {
            walk(node, step + 1, out, cap, index);
        }
    }

    /** A path of names and indexes selects at most one node: followed without collecting lists. */
    private JsonNode single(JsonNode start) {
        JsonNode node = start;
        for (Step step : steps) {
            node = switch (step) {
                case Child child -> node.isObject() ? node.get(child.name()) : null;
                case Index index -> node.isArray() ? element(node, index.index()) : null;
                case Wildcard wildcard -> throw new IllegalStateException("a wildcard selects many");
                case Filter filter -> throw new IllegalStateException("a filter selects many");
            };
            if (node == null || node.isMissingNode()) {
                return null;
            }
        }
        return node;
    }

    private static JsonNode element(JsonNode array, int index) {
        int at = index < 0 ? array.size() + index : index;
        return at >= 0 ? array.get(at) : null;
    }

    private static Iterable<JsonNode> values(JsonNode object) {
        List<JsonNode> values = new ArrayList<>(object.size());
        for (Map.Entry<String, JsonNode> member : object.properties()) {
            values.add(member.getValue());
        }
        return values;
    }

    /** What a filter's path reads in an element; null when absent. */
    private static JsonNode member(JsonNode element, List<String> path) {
        JsonNode value = element;
        for (String name : path) {
            value = value != null && value.isObject() ? value.get(name) : null;
        }
        return value;
    }

    /**
     * The matches of {@code [?(@.path == <whole number>)]} filters over the arrays of one payload, by the whole
     * number the path reads in each element, built once per array and path (a template that picks six measure types
     * out of one {@code measures} array reads each element's type once, not six times). Equal to testing each
     * element as {@link #sameValue} does: a number equals the literal when their values are equal (72 = 72.0);
     * anything else never does. Literals that are not whole numbers (text, 1.5) are not indexed. Not thread-safe:
     * one per payload.
     */
    static final class FilterIndex {
        private final Map<JsonNode, Map<List<String>, Map<Long, List<JsonNode>>>> byArray = new IdentityHashMap<>();

        /** The elements of {@code array} the filter accepts, in order; null when this filter is not indexed. */
        List<JsonNode> matches(JsonNode array, Filter filter) {
            Long literal = filter.negated() ? null : wholeNumber(filter.literal());
            if (literal == null) {
                return null;
            }
            Map<Long, List<JsonNode>> byValue = byArray.computeIfAbsent(array, a -> new HashMap<>())
                    .computeIfAbsent(filter.path(), path -> build(array, path));
            return byValue.getOrDefault(literal, List.of());
        }

        private static Map<Long, List<JsonNode>> build(JsonNode array, List<String> path) {
            Map<Long, List<JsonNode>> byValue = new HashMap<>();
            for (JsonNode element : array) {
                Long key = wholeNumber(member(element, path));
                if (key != null) {
                    byValue.computeIfAbsent(key, k -> new ArrayList<>(1)).add(element);
                }
            }
            return byValue;
        }

        /** The value as a long when it is a number equal to one; else null. */
        private static Long wholeNumber(JsonNode value) {
            if (value == null || !value.isNumber()) {
                return null;
            }
            if (value.isIntegralNumber()) {
                return value.canConvertToLong() ? value.longValue() : null;
            }
            BigDecimal decimal = value.decimalValue();
            try {
                return decimal.signum() == 0 ? 0L : decimal.stripTrailingZeros().longValueExact();
            } catch (ArithmeticException notWhole) {
                return null;
            }
        }
    }

    /** Equality of a payload value and a template literal: numbers by value (72 = 72.0), else by JSON value. */
    static boolean sameValue(JsonNode value, JsonNode literal) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return false;
        }
        if (value.isNumber() && literal.isNumber()) {
            if (value.isIntegralNumber() && literal.isIntegralNumber() && value.canConvertToLong()
                    && literal.canConvertToLong()) {
                return value.longValue() == literal.longValue();
            }
            return value.decimalValue().compareTo(literal.decimalValue()) == 0;
        }
        return value.equals(literal);
    }

    @Override
    public String toString() {
        return text;
    }

    private static boolean accepts(Filter filter, JsonNode element) {
        JsonNode value = member(element, filter.path());
        if (filter.literal() == null) {
            return value != null && !value.isNull();
        }
        return sameValue(value, filter.literal()) != filter.negated();
    }
}
