package io.vigil.codec.template;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.codec.template.MappingRules.NumberRule;
import io.vigil.codec.template.MappingRules.ValueRule;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The value filters of one mapping that pick elements of the same array by the same integer member — Withings'
 * {@code @.measures[?(@.type == 1)]}, {@code [?(@.type == 4)]}, … one per measurement — found for a token in one pass
 * over that array instead of one walk per value and exponent (docs/benchmarks.md). Built when the template is
 * loaded; answers exactly what walking each filter would: for every key, the first element it selects and whether
 * it selects none, one or more.
 */
final class FilterIndex {

    private final List<Selector.Step> array;
    private final boolean relative;
    private final String member;
    private final long[] keys;
    private final JsonNode[] literals;
    private final Map<Selector, Integer> slots;

    private FilterIndex(Selector.Keyed shape, List<Selector.Keyed> keyed, Map<Selector, Selector.Keyed> parents) {
        this.array = List.copyOf(shape.array());
        this.relative = shape.relative();
        this.member = shape.member();
        List<Long> distinct = new ArrayList<>();
        List<JsonNode> literalList = new ArrayList<>();
        for (Selector.Keyed k : keyed) {
            if (!distinct.contains(k.key())) {
                distinct.add(k.key());
                literalList.add(k.literal());
            }
        }
        this.keys = distinct.stream().mapToLong(Long::longValue).toArray();
        this.literals = literalList.toArray(JsonNode[]::new);
        Map<Selector, Integer> bySelector = new IdentityHashMap<>();
        parents.forEach((selector, k) -> bySelector.put(selector, distinct.indexOf(k.key())));
        this.slots = bySelector;
    }

    /**
     * The index of a mapping's values, or null when fewer than two of their shared parents are keyed filters over
     * the same array and member (then walking each is as cheap).
     */
    static FilterIndex of(List<ValueRule> values) {
        Map<Selector, Selector.Keyed> keyed = new IdentityHashMap<>();
        for (ValueRule value : values) {
            add(keyed, value.number());
            value.components().values().forEach(rule -> add(keyed, rule));
        }
        Selector.Keyed first = keyed.values().stream().findFirst().orElse(null);
        if (first == null) {
            return null;
        }
        Map<Selector, Selector.Keyed> same = new IdentityHashMap<>();
        List<Selector.Keyed> ordered = new ArrayList<>();
        keyed.forEach((selector, k) -> {
            if (k.relative() == first.relative() && k.member().equals(first.member()) && k.array().equals(first.array())) {
                same.put(selector, k);
                ordered.add(k);
            }
        });
        return same.size() < 2 ? null : new FilterIndex(first, ordered, same);
    }

    private static void add(Map<Selector, Selector.Keyed> keyed, NumberRule rule) {
        if (rule != null && rule.sharedParent() != null) {
            Selector.Keyed k = rule.sharedParent().keyed();
            if (k != null) {
                keyed.put(rule.sharedParent(), k);
            }
        }
    }

    /** The slot of a shared parent in {@link Found}, or -1 when this index does not cover it. */
    int slotOf(Selector sharedParent) {
        Integer slot = slots.get(sharedParent);
        return slot == null ? -1 : slot;
    }

    /** What every covered filter selects for one token. */
    static final class Found {
        private final JsonNode[] first;
        private final byte[] count;

        private Found(int slots) {
            first = new JsonNode[slots];
            count = new byte[slots];
        }

        private void add(int slot, JsonNode element) {
            if (count[slot] == 0) {
                first[slot] = element;
                count[slot] = 1;
            } else {
                count[slot] = 2;
            }
        }

        /** How many elements the filter in this slot selects: 0, 1, or 2 for more than one. */
        int count(int slot) {
            return count[slot];
        }

        /** The element it selects when it selects exactly one. */
        JsonNode only(int slot) {
            return count[slot] == 1 ? first[slot] : null;
        }
    }

    /** Walks the token's array once. */
    Found scan(JsonNode root, JsonNode token) {
        Found found = new Found(keys.length);
        JsonNode node = Selector.follow(array, relative, root, token);
        if (node == null) {
            return found;
        }
        if (node.isObject()) {
            // As Selector does: a filter on an object tests the object itself.
            int slot = slotOf(node);
            if (slot >= 0) {
                found.add(slot, node);
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                int slot = slotOf(element);
                if (slot >= 0) {
                    found.add(slot, element);
                }
            }
        }
        return found;
    }

    /** The slot whose literal the element's member equals (as {@link Selector#sameValue} decides), or -1. */
    private int slotOf(JsonNode element) {
        JsonNode value = element.isObject() ? element.get(member) : null;
        if (value == null || !value.isNumber()) {
            return -1; // null, absent, or no number: equal to no integer literal
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            long v = value.longValue();
            for (int i = 0; i < keys.length; i++) {
                if (keys[i] == v) {
                    return i;
                }
            }
            return -1;
        }
        for (int i = 0; i < literals.length; i++) {
            if (Selector.sameValue(value, literals[i])) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return "FilterIndex[" + member + " in " + array + ", keys " + Objects.toString(java.util.Arrays.toString(keys)) + "]";
    }
}
