package io.vigil.server.template;

import java.util.Locale;

/** Where a mapping template comes from; only API templates can be changed through the API. */
public enum TemplateOrigin {
    /** Shipped with Vigil (classpath). */
    SHIPPED,
    /** A file in the templates folder, read at start; it replaces a shipped template of the same name. */
    FOLDER,
    /** Stored by an administrator through {@code PUT /api/v1/templates/{name}} (database). */
    API;

    /** The lower-case name used in JSON. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
