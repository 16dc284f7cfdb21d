package io.vigil.codec.template;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * The mapping templates that ship with Vigil (classpath {@code io/vigil/codec/template/shipped/<name>.json}),
 * each for a publicly documented vendor payload; the documentation's URL is in the template's {@code source}.
 */
public final class ShippedTemplates {

    private static final List<String> NAMES = List.of("withings-measures", "nightscout-entries", "azure-iomt-jsonpath");

    private ShippedTemplates() {
    }

    public static List<String> names() {
        return NAMES;
    }

    /** The template's text, or empty when no shipped template has this name. */
    public static Optional<byte[]> text(String name) {
        if (!NAMES.contains(name)) {
            return Optional.empty();
        }
        try (InputStream in = ShippedTemplates.class.getResourceAsStream("shipped/" + name + ".json")) {
            if (in == null) {
                throw new IllegalStateException("shipped template " + name + " is missing from the jar");
            }
            return Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("shipped template " + name + " cannot be read", e);
        }
    }
}
