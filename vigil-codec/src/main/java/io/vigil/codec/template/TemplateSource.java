package io.vigil.codec.template;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.codec.json.Echo;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A template's JSON tree with the line and column of every value, keyed by JSON Pointer ({@code /mappings/0/values/1}),
 * so each refusal can point at the text the author wrote.
 */
final class TemplateSource {

    private static final int MAX_DEPTH = 16;
    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .build()).build();

    /** Why a template is refused; carried out of the nested checks to {@link TemplateCompiler#compile}. */
    static final class Refusal extends Exception {
        private final transient TemplateCompilation.Refused refused;

        Refusal(int line, int column, String reason) {
            super(reason, null, false, false);
            this.refused = new TemplateCompilation.Refused(line, column, reason);
        }

        TemplateCompilation.Refused refused() {
            return refused;
        }
    }

    private final JsonNode root;
    private final Map<String, JsonLocation> locations;

    private TemplateSource(JsonNode root, Map<String, JsonLocation> locations) {
        this.root = root;
        this.locations = locations;
    }

    static TemplateSource read(byte[] text, int maxBytes) throws Refusal {
        if (text == null || text.length == 0) {
            throw new Refusal(0, 0, "The template is empty; it is a JSON object with \"mappings\".");
        }
        if (text.length > maxBytes) {
            throw new Refusal(0, 0, "The template has " + text.length + " bytes; at most " + maxBytes + " are accepted.");
        }
        Map<String, JsonLocation> locations = new HashMap<>();
        try (JsonParser parser = MAPPER.createParser(text)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token != JsonToken.FIELD_NAME && token != JsonToken.END_OBJECT && token != JsonToken.END_ARRAY) {
                    // For START_OBJECT/START_ARRAY the context is the new container, whose pointer is its own path.
                    locations.putIfAbsent(parser.getParsingContext().pathAsPointer().toString(),
                            parser.currentTokenLocation());
                }
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new Refusal(at == null ? 0 : Math.max(0, at.getLineNr()), at == null ? 0 : Math.max(0, at.getColumnNr()),
                    "The template is not valid JSON: " + detail(e) + ".");
        } catch (IOException e) {
            throw new Refusal(0, 0, "The template could not be read: " + e.getClass().getSimpleName() + ".");
        }
        try {
            return new TemplateSource(MAPPER.readTree(text), locations);
        } catch (IOException e) {
            throw new Refusal(0, 0, "The template is not valid JSON: " + e.getClass().getSimpleName() + ".");
        }
    }

    JsonNode root() {
        return root;
    }

    /** A refusal located at the value the pointer names, or at the nearest enclosing value that has a location. */
    Refusal refuse(String pointer, String reason) {
        String at = pointer;
        JsonLocation location = locations.get(at);
        while (location == null && !at.isEmpty()) {
            at = at.substring(0, at.lastIndexOf('/'));
            location = locations.get(at);
        }
        if (location == null) {
            return new Refusal(1, 1, reason);
        }
        return new Refusal(location.getLineNr(), location.getColumnNr(), reason);
    }

    ObjectNode object(String pointer, JsonNode node, String what) throws Refusal {
        if (node instanceof ObjectNode object) {
            return object;
        }
        throw refuse(pointer, what + " must be a JSON object, not " + (node == null ? "missing" : Echo.jsonKind(node)) + ".");
    }

    void onlyMembers(String pointer, ObjectNode object, Set<String> allowed) throws Refusal {
        for (Map.Entry<String, JsonNode> member : object.properties()) {
            if (!allowed.contains(member.getKey())) {
                throw refuse(pointer + "/" + escape(member.getKey()), "\"" + Echo.key(member.getKey())
                        + "\" is not a member here; allowed: " + String.join(", ", allowed.stream().sorted().toList()) + ".");
            }
        }
    }

    String optionalText(String pointer, JsonNode node) throws Refusal {
        if (node == null) {
            return null;
        }
        if (!node.isTextual()) {
            throw refuse(pointer, pointer.substring(1) + " must be a string.");
        }
        return node.textValue();
    }

    /** A member name as a JSON Pointer segment (RFC 6901: ~ → ~0, / → ~1). */
    static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    private static String detail(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        if (message == null) {
            return e.getClass().getSimpleName();
        }
        int cut = message.indexOf('\n');
        String line = cut < 0 ? message : message.substring(0, cut);
        return line.length() > 160 ? line.substring(0, 160) + "…" : line;
    }
}
