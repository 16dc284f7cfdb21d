package io.vigil.codec.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class SelectorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final JsonNode store = tree("""
            {"store": {"book": [
              {"category": "reference", "author": "Nigel Rees", "price": 8.95},
              {"category": "fiction", "author": "Evelyn Waugh", "price": 12.99},
              {"category": "fiction", "author": "Herman Melville", "isbn": "0-553-21311-3", "price": 8.99}],
             "bicycle": {"color": "red", "price": 19.95}},
             "odd key": 1}""");

    @Test
    void goessnerExamples_selectAsJsonPathDoes() {
        assertThat(texts("$.store.book[*].author")).containsExactly("Nigel Rees", "Evelyn Waugh", "Herman Melville");
        assertThat(texts("$.store.book[2].author")).containsExactly("Herman Melville");
        assertThat(texts("$.store.book[-1].author")).containsExactly("Herman Melville");
        assertThat(texts("$['store']['bicycle'].color")).containsExactly("red");
        assertThat(texts("$.store.book[?(@.isbn)].author")).containsExactly("Herman Melville");
        assertThat(texts("$.store.book[?(@.category == 'fiction')].author")).containsExactly("Evelyn Waugh", "Herman Melville");
        assertThat(texts("$.store.book[?(@.category != \"fiction\")].author")).containsExactly("Nigel Rees");
        assertThat(texts("$.store.book[?(@.price == 8.950)].author")).containsExactly("Nigel Rees");
        assertThat(select("$.store.*")).hasSize(2);
        assertThat(select("$['odd key']")).hasSize(1);
    }

    @Test
    void filterOnAnObject_testsTheObjectItself() {
        assertThat(texts("$.store.bicycle[?(@.color == 'red')].color")).containsExactly("red");
        assertThat(select("$.store.bicycle[?(@.color == 'blue')]")).isEmpty();
    }

    @Test
    void absentPathsAndWrongShapes_selectNothing() {
        assertThat(select("$.store.book[7]")).isEmpty();
        assertThat(select("$.store.bicycle[0]")).isEmpty();
        assertThat(select("$.store.book.author")).isEmpty();
        assertThat(select("$.nothing[*].x")).isEmpty();
    }

    @Test
    void relativeSelector_startsAtTheMatchedToken() {
        JsonNode book = store.get("store").get("book").get(1);
        assertThat(Selector.parse("@.author").select(store, book, 10).getFirst().textValue()).isEqualTo("Evelyn Waugh");
        assertThat(Selector.parse("@.author").relative()).isTrue();
    }

    @Test
    void limit_stopsAtOneMoreThanAsked() {
        assertThat(Selector.parse("$.store.book[*]").select(store, store, 1)).hasSize(2);
    }

    @Test
    void unsupportedOrMalformedSyntax_isRefusedWithThePosition() {
        assertThatThrownBy(() -> Selector.parse("store.book")).hasMessageContaining("starts with $");
        assertThatThrownBy(() -> Selector.parse("$..author")).hasMessageContaining("recursive descent");
        assertThatThrownBy(() -> Selector.parse("$.store[")).hasMessageContaining("character 9");
        assertThatThrownBy(() -> Selector.parse("$.a[?(@.b > 1)]")).hasMessageContaining("== or !=");
        assertThatThrownBy(() -> Selector.parse("$.a[?(@.b == x)]")).hasMessageContaining("'string', a number");
        assertThatThrownBy(() -> Selector.parse("$.a['b")).hasMessageContaining("not closed");
        assertThatThrownBy(() -> Selector.parse("$." + "a.".repeat(40) + "a")).hasMessageContaining("steps");
        assertThatThrownBy(() -> Selector.parse("$.a[99999999999]")).hasMessageContaining("expected ]");
        assertThatThrownBy(() -> Selector.parse("")).hasMessageContaining("empty");
    }

    private List<JsonNode> select(String selector) {
        return Selector.parse(selector).select(store, store, 100);
    }

    @Test
    void numericFilters_compareByValue_wholeAndFractionalLiterals() {
        JsonNode measures = tree("""
                {"m": [{"type": 1, "v": "int"}, {"type": 1.0, "v": "double"}, {"type": "1", "v": "text"},
                       {"type": 1.5, "v": "fraction"}, {"type": 10000000000, "v": "long"}, {"v": "none"}]}""");
        for (String one : List.of("1", "1.0", "1.00", "+1")) {
            assertThat(Selector.parse("$.m[?(@.type == " + one + ")].v").select(measures, measures, 10))
                    .extracting(JsonNode::textValue).as(one).containsExactly("int", "double");
        }
        assertThat(Selector.parse("$.m[?(@.type == 1.5)].v").select(measures, measures, 10))
                .extracting(JsonNode::textValue).containsExactly("fraction");
        assertThat(Selector.parse("$.m[?(@.type == 1e10)].v").select(measures, measures, 10))
                .extracting(JsonNode::textValue).containsExactly("long");
        assertThat(Selector.parse("$.m[?(@.type != 1)].v").select(measures, measures, 10))
                .extracting(JsonNode::textValue).containsExactly("text", "fraction", "long", "none");
    }

    private List<String> texts(String selector) {
        return select(selector).stream().map(JsonNode::textValue).toList();
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
