package io.vigil.codec.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Parses the {@link Selector} subset by recursive descent; every refusal names the character position (1-based). */
final class SelectorParser {
    private final String text;
    private int at;

    SelectorParser(String text) {
        this.text = text;
    }

    Selector selector() {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("a selector is empty; start it with $ (the payload) or @ (the matched token)");
        }
        if (text.length() > Selector.MAX_LENGTH) {
            throw new IllegalArgumentException("a selector has at most " + Selector.MAX_LENGTH + " characters");
        }
        char first = text.charAt(0);
        if (first != '$' && first != '@') {
            throw error("a selector starts with $ (the payload) or @ (the matched token)");
        }
        at = 1;
        List<Selector.Step> steps = new ArrayList<>();
        while (at < text.length()) {
            steps.add(step());
            if (steps.size() > Selector.MAX_STEPS) {
                throw new IllegalArgumentException("a selector has at most " + Selector.MAX_STEPS + " steps");
            }
        }
        return new Selector(text, first == '@', steps);
    }

    private Selector.Step step() {
        char c = text.charAt(at);
        if (c == '.') {
            at++;
            if (at < text.length() && text.charAt(at) == '.') {
                throw error("recursive descent (..) is not supported; name each level");
            }
            if (at < text.length() && text.charAt(at) == '*') {
                at++;
                return new Selector.Wildcard();
            }
            return new Selector.Child(name());
        }
        if (c != '[') {
            throw error("expected . or [");
        }
        at++;
        Selector.Step step;
        if (peek('*')) {
            at++;
            step = new Selector.Wildcard();
        } else if (peek('\'') || peek('"')) {
            step = new Selector.Child(quoted());
        } else if (peek('?')) {
            step = filter();
        } else {
            step = new Selector.Index(integer());
        }
        expect(']');
        return step;
    }

    private Selector.Filter filter() {
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
            return new Selector.Filter(path, false, null);
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
        return new Selector.Filter(path, negated, literal);
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
            BigDecimal number = new BigDecimal(text.substring(start, at));
            try {
                // A whole number (72, 1.0) as a long: compared with a payload's integers without BigDecimal.
                return LongNode.valueOf(number.longValueExact());
            } catch (ArithmeticException fractionOrTooLarge) {
                return DecimalNode.valueOf(number);
            }
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
