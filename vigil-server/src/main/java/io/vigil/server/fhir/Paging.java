package io.vigil.server.fhir;

/**
 * Which page of a search a client asked for: {@code _offset} (default 0) and {@code _count} (default
 * {@value #DEFAULT_COUNT}, at most {@value #MAX_COUNT}; a larger count is served as the maximum and the links say so).
 */
record Paging(int offset, int count) {
    static final int DEFAULT_COUNT = 50;
    static final int MAX_COUNT = 1000;

    static Paging of(Integer offset, Integer count) {
        if (offset != null && offset < 0) {
            throw FhirRefusals.invalid("_offset must not be negative");
        }
        if (count != null && count < 0) {
            throw FhirRefusals.invalid("_count must not be negative");
        }
        return new Paging(offset == null ? 0 : offset, count == null ? DEFAULT_COUNT : Math.min(count, MAX_COUNT));
    }
}
