package io.vigil.codec.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * The members of one parsed JSON object, in document order: side by side in two small arrays while there are at
 * most {@link #SMALL} (every object of a device payload), in a {@link LinkedHashMap} beyond — so an object of many
 * members still costs a hash look-up, not a scan. A device payload's objects have a handful of members each, and a
 * hash map per object (its table, a node per member, a hash per name) cost a third of mapping a vendor payload
 * (docs/benchmarks.md). Behaves as the {@link LinkedHashMap} Jackson uses otherwise; not thread-safe, like it.
 */
final class CompactMembers extends AbstractMap<String, JsonNode> {
    static final int SMALL = 8;

    private String[] names = new String[4];
    private JsonNode[] values = new JsonNode[4];
    private int size;
    private LinkedHashMap<String, JsonNode> large;

    @Override
    public int size() {
        return large != null ? large.size() : size;
    }

    @Override
    public boolean containsKey(Object name) {
        return large != null ? large.containsKey(name) : indexOf(name) >= 0;
    }

    @Override
    public JsonNode get(Object name) {
        if (large != null) {
            return large.get(name);
        }
        int i = indexOf(name);
        return i < 0 ? null : values[i];
    }

    @Override
    public JsonNode put(String name, JsonNode value) {
        if (large != null) {
            return large.put(name, value);
        }
        int i = indexOf(name);
        if (i >= 0) {
            JsonNode old = values[i];
            values[i] = value;
            return old;
        }
        if (size == SMALL) {
            large = new LinkedHashMap<>();
            for (int j = 0; j < size; j++) {
                large.put(names[j], values[j]);
            }
            names = null;
            values = null;
            size = 0;
            return large.put(name, value);
        }
        if (size == names.length) {
            names = java.util.Arrays.copyOf(names, SMALL);
            values = java.util.Arrays.copyOf(values, SMALL);
        }
        names[size] = name;
        values[size] = value;
        size++;
        return null;
    }

    @Override
    public JsonNode remove(Object name) {
        if (large != null) {
            return large.remove(name);
        }
        int i = indexOf(name);
        if (i < 0) {
            return null;
        }
        JsonNode old = values[i];
        removeAt(i);
        return old;
    }

    @Override
    public void clear() {
        large = null;
        names = new String[4];
        values = new JsonNode[4];
        size = 0;
    }

    private void removeAt(int i) {
        System.arraycopy(names, i + 1, names, i, size - i - 1);
        System.arraycopy(values, i + 1, values, i, size - i - 1);
        size--;
        names[size] = null;
        values[size] = null;
    }

    private int indexOf(Object name) {
        for (int i = 0; i < size; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public Set<Entry<String, JsonNode>> entrySet() {
        return large != null ? large.entrySet() : new Entries();
    }

    private final class Entries extends AbstractSet<Entry<String, JsonNode>> {
        @Override
        public int size() {
            return CompactMembers.this.size();
        }

        @Override
        public Iterator<Entry<String, JsonNode>> iterator() {
            if (large != null) {
                return large.entrySet().iterator();
            }
            return new Iterator<>() {
                private int next;
                private int last = -1;

                @Override
                public boolean hasNext() {
                    return next < size;
                }

                @Override
                public Entry<String, JsonNode> next() {
                    if (next >= size) {
                        throw new NoSuchElementException();
                    }
                    last = next++;
                    return new Member(last);
                }

                @Override
                public void remove() {
                    if (last < 0) {
                        throw new IllegalStateException();
                    }
                    removeAt(last);
                    next = last;
                    last = -1;
                }
            };
        }
    }

    /** One member, written through to the arrays. */
    private final class Member implements Entry<String, JsonNode> {
        private final String name;
        private JsonNode value;

        Member(int index) {
            this.name = names[index];
            this.value = values[index];
        }

        @Override
        public String getKey() {
            return name;
        }

        @Override
        public JsonNode getValue() {
            return value;
        }

        @Override
        public JsonNode setValue(JsonNode replacement) {
            JsonNode old = value;
            value = replacement;
            put(name, replacement);
            return old;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Map.Entry<?, ?> e && name.equals(e.getKey()) && Objects.equals(value, e.getValue());
        }

        @Override
        public int hashCode() {
            return name.hashCode() ^ Objects.hashCode(value);
        }

        @Override
        public String toString() {
            return name + "=" + value;
        }
    }
}
