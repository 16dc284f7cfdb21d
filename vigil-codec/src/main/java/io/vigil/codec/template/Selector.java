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

    /**
     * A selector that ends in one filter picking elements by an integer member ({@code @.measures[?(@.type == 1)]}),
     * after steps that select at most one node: the node those steps lead to ({@code array}), the member and the
     * literal. Lets a mapping find the elements of several such selectors over the same array in one pass
     * ({@link FilterIndex}).
     */
    record Keyed(List<Step> array, boolean relative, String member, long key, JsonNode literal) {}

    /** This selector as a {@link Keyed} filter, or null when it is not one. */
    Keyed keyed() {
        if (steps.isEmpty() || !(steps.getLast() instanceof Filter filter) || filter.negated()
                || filter.path().size() != 1 || filter.literal() == null || !filter.literal().isIntegralNumber()
                || !filter.literal().canConvertToLong()) {
            return null;
        }
        List<Step> array = steps.subList(0, steps.size() - 1);
        for (Step step : array) {
            if (!(step instanceof Child) && !(step instanceof Index)) {
                return null;
            }
        }
        return new Keyed(array, relative, filter.path().getFirst(), filter.literal().longValue(), filter.literal());
    }

    /** The node a path of names and indexes leads to from the payload or the token, or null. */
    static JsonNode follow(List<Step> steps, boolean relative, JsonNode root, JsonNode current) {
        JsonNode node = relative ? current : root;
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
        if (!multiple) {
            JsonNode node = single(relative ? current : root);
            return node == null ? List.of() : List.of(node);
        }
        List<JsonNode> out = new ArrayList<>();
        walk(relative ? current : root, 0, out, limit + 1);
        return out;
    }

    /**
     * Follows the steps from {@code node} depth first, adding what the last step selects in document order, and stops
     * once {@code cap} nodes are found: one list for the whole walk, none per step.
     */
    private void walk(JsonNode node, int step, List<JsonNode> out, int cap) {
        if (step == steps.size()) {
            out.add(node);
            return;
        }
        switch (steps.get(step)) {
            case Child child -> next(node.isObject() ? node.get(child.name()) : null, step, out, cap);
            case Index index -> next(node.isArray() ? element(node, index.index()) : null, step, out, cap);
            case Wildcard wildcard -> {
                if (node.isArray() || node.isObject()) {
                    for (JsonNode element : node.isArray() ? node : values(node)) {
                        if (out.size() >= cap) {
                            return;
                        }
                        walk(element, step + 1, out, cap);
                    }
                }
            }
            case Filter filter -> {
                if (node.isObject()) {
                    // As Jayway JsonPath does: a filter on an object tests the object itself, so one selector
                    // takes both {"Body": {…}} and {"Body": [{…}, {…}]}.
                    if (accepts(filter, node)) {
                        walk(node, step + 1, out, cap);
                    }
                } else if (node.isArray()) {
                    for (JsonNode element : node) {
                        if (out.size() >= cap) {
                            return;
                        }
                        if (accepts(filter, element)) {
                            walk(element, step + 1, out, cap);
                        }
                    }
                }
            }
        }
    }

    private void next(JsonNode node, int step, List<JsonNode> out, int cap) {
        if (node != null && !node.isMissingNode()) {
            walk(node, step + 1, out, cap);
        }
    }

    /** A path of names and indexes selects at most one node: followed without collecting lists. */
    private JsonNode single(JsonNode start) {
        return follow(steps, false, start, start);
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
