package io.vigil.codec.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
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

    private sealed interface Step {}

    private record Child(String name) implements Step {}

    private record Index(int index) implements Step {}

    private record Wildcard() implements Step {}

    /** {@code [?(@.a.b op literal)]}; a null literal means "present and not null". */
    private record Filter(List<String> path, boolean negated, JsonNode literal) implements Step {}

    private final String text;
    private final boolean relative;
    private final List<Step> steps;

    private Selector(String text, boolean relative, List<Step> steps) {
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

    /** Recursive-descent parser of the subset; every refusal names the character position (1-based). */
    private static final class SelectorParser {
        private final String text;
        private int at;

        SelectorParser(String text) {
            this.text = text;
        }

        Selector selector() {
            if (text == null || text.isEmpty()) {
                throw new IllegalArgumentException("a selector is empty; start it with $ (the payload) or @ (the matched token)");
            }
            if (text.length() > MAX_LENGTH) {
                throw new IllegalArgumentException("a selector has at most " + MAX_LENGTH + " characters");
            }
            char first = text.charAt(0);
            if (first != '$' && first != '@') {
                throw error("a selector starts with $ (the payload) or @ (the matched token)");
            }
            at = 1;
            List<Step> steps = new ArrayList<>();
            while (at < text.length()) {
                steps.add(step());
                if (steps.size() > MAX_STEPS) {
                    throw new IllegalArgumentException("a selector has at most " + MAX_STEPS + " steps");
                }
            }
            return new Selector(text, first == '@', steps);
        }

        private Step step() {
            char c = text.charAt(at);
            if (c == '.') {
                at++;
                if (at < text.length() && text.charAt(at) == '.') {
                    throw error("recursive descent (..) is not supported; name each level");
                }
                if (at < text.length() && text.charAt(at) == '*') {
                    at++;
                    return new Wildcard();
                }
                return new Child(name());
            }
            if (c != '[') {
                throw error("expected . or [");
            }
            at++;
            Step step;
            if (peek('*')) {
                at++;
                step = new Wildcard();
            } else if (peek('\'') || peek('"')) {
                step = new Child(quoted());
            } else if (peek('?')) {
                step = filter();
            } else {
                step = new Index(integer());
            }
            expect(']');
            return step;
        }

        private Filter filter() {
            at++;
            expect('(');
            skipSpaces();
            expect('@');
            List<String> path = new ArrayList<>();
            while (peek('.') || peek('[')) {
                if (peek('.')) {
                    at++;
                    path.add(name());
                } else {
                    at++;
                    if (!peek('\'') && !peek('"')) {
                        throw error("a filter's path takes names only, as .name or ['name']");
                    }
                    path.add(quoted());
                    expect(']');
                }
            }
            if (path.isEmpty()) {
                throw error("a filter names a member of the element, e.g. [?(@.type == 'bp')]");
            }
            skipSpaces();
            if (peek(')')) {
                at++;
                return new Filter(path, false, null);
            }
            boolean negated;
            if (text.startsWith("==", at)) {
                negated = false;
            } else if (text.startsWith("!=", at)) {
                negated = true;
            } else {
                throw error("a filter compares with == or != (or only names a member that must be present)");
            }
            at += 2;
            skipSpaces();
            JsonNode literal = literal();
            skipSpaces();
            expect(')');
            return new Filter(path, negated, literal);
        }

        private JsonNode literal() {
            if (peek('\'') || peek('"')) {
                return TextNode.valueOf(quoted());
            }
            if (text.startsWith("true", at) || text.startsWith("false", at)) {
                boolean value = text.startsWith("true", at);
                at += value ? 4 : 5;
                return BooleanNode.valueOf(value);
            }
            int start = at;
            while (at < text.length() && "+-.0123456789eE".indexOf(text.charAt(at)) >= 0) {
                at++;
            }
            try {
                return DecimalNode.valueOf(new BigDecimal(text.substring(start, at)));
            } catch (NumberFormatException e) {
                at = start;
                throw error("a filter compares with a 'string', a number, true or false");
            }
        }

        private String name() {
            int start = at;
            while (at < text.length() && nameCharacter(text.charAt(at))) {
                at++;
            }
            if (start == at) {
                throw error("expected a member name (letters, digits, _ and -) or ['any name']");
            }
            return text.substring(start, at);
        }

        private static boolean nameCharacter(char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
        }

        private String quoted() {
            char quote = text.charAt(at);
            int end = text.indexOf(quote, at + 1);
            if (end < 0) {
                throw error("the quoted name is not closed");
            }
            String name = text.substring(at + 1, end);
            at = end + 1;
            return name;
        }

        private int integer() {
            int start = at;
            if (peek('-')) {
                at++;
            }
            while (at < text.length() && Character.isDigit(text.charAt(at)) && at - start < 9) {
                at++;
            }
            if (at == start || (at == start + 1 && text.charAt(start) == '-')) {
                at = start;
                throw error("expected an index, *, 'name' or ?(filter) inside [ ]");
            }
            return Integer.parseInt(text.substring(start, at));
        }

        private void skipSpaces() {
            while (peek(' ')) {
                at++;
            }
        }

        private boolean peek(char c) {
            return at < text.length() && text.charAt(at) == c;
        }

        private void expect(char c) {
            if (!peek(c)) {
                throw error("expected " + c);
            }
            at++;
        }

        private IllegalArgumentException error(String reason) {
            return new IllegalArgumentException("selector " + text + " at character " + (at + 1) + ": " + reason);
        }
    }
}
