package io.vigil.codec.template;

import java.util.Arrays;
import java.util.Optional;

/** How a template's time selector reads the payload's time. */
enum TimeFormat {
    /** A string with date, time and offset, e.g. {@code 2026-11-25T10:15:30Z}. */
    ISO_8601("iso-8601"),
    /** A number of seconds since 1970-01-01T00:00:00Z (Unix time), fractions allowed. */
    EPOCH_SECONDS("epoch-seconds"),
    /** A number of milliseconds since 1970-01-01T00:00:00Z. */
    EPOCH_MILLIS("epoch-millis");

    private final String name;

    TimeFormat(String name) {
        this.name = name;
    }

    String templateName() {
        return name;
    }

    static Optional<TimeFormat> named(String name) {
        return Arrays.stream(values()).filter(f -> f.name.equals(name)).findFirst();
    }

    static String allNames() {
        return String.join(", ", Arrays.stream(values()).map(f -> f.name).toList());
    }
}
