package io.vigil.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * The one shared FHIR R4 context and JSON encoding. The context is thread-safe and expensive to build, so it is
 * built once; HAPI parsers are cheap but not thread-safe, so each call takes a fresh one.
 */
public final class FhirJson {

    private static final FhirContext R4 = FhirContext.forR4Cached();

    private FhirJson() {
    }

    /** The shared R4 context (for the RestfulServer and the validator). */
    public static FhirContext context() {
        return R4;
    }

    /** A new JSON parser; use it on one thread only. */
    public static IParser parser() {
        return R4.newJsonParser();
    }

    /** The resource as compact JSON. */
    public static String encode(IBaseResource resource) {
        return parser().encodeResourceToString(resource);
    }

    /** The resource as indented JSON, for people. */
    public static String encodePretty(IBaseResource resource) {
        return parser().setPrettyPrint(true).encodeResourceToString(resource);
    }

    /**
     * Parses JSON into a resource of the given type.
     *
     * @throws DataFormatException if the text is not JSON of that resource type
     */
    public static <T extends IBaseResource> T parse(Class<T> type, String json) {
        return parser().parseResource(type, json);
    }
}
