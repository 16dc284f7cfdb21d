package io.vigil.codec.json;

import static io.vigil.codec.ErrorCode.MALFORMED_PAYLOAD;
import static io.vigil.codec.ErrorCode.PAYLOAD_TOO_LARGE;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vigil.codec.DecodeResult;
import java.io.IOException;

/**
 * Parses an untrusted JSON payload into a tree, strictly: bounded size and nesting, well-formed UTF-8, no duplicate
 * keys, one object or array and nothing after it. Syntax errors come back with byte offset, line and column.
 * Shared by the device-JSON decoder and the mapping templates. Thread-safe.
 */
public final class UntrustedJson {

    private final int maxBytes;
    private final int maxDepth;
    private final ObjectMapper mapper;

    /**
     * @param maxBytes largest payload accepted
     * @param maxDepth deepest nesting of objects and arrays accepted
     */
    public UntrustedJson(int maxBytes, int maxDepth) {
        this.maxBytes = maxBytes;
        this.maxDepth = maxDepth;
        JsonFactory factory = JsonFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                // Interning attacker-chosen keys would fill the JVM's string table for nothing.
                .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxDepth).build())
                .build();
        this.mapper = JsonMapper.builder(factory).enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .nodeFactory(new CompactNodes()).build();
    }

    /** The object or array the payload holds, or the reason it is refused (MALFORMED_PAYLOAD, PAYLOAD_TOO_LARGE). */
    public DecodeResult<JsonNode> parse(byte[] payload) {
        try {
            return DecodeResult.ok(tree(payload));
        } catch (Rejection rejection) {
            return DecodeResult.failure(rejection.error());
        }
    }

    JsonNode tree(byte[] payload) throws Rejection {
        if (payload == null || payload.length == 0) {
            throw Rejection.atOffset(MALFORMED_PAYLOAD, 0, "The payload is empty; send a JSON object or array.");
        }
        if (payload.length > maxBytes) {
            throw Rejection.atOffset(PAYLOAD_TOO_LARGE, maxBytes, "The payload has " + payload.length
                    + " bytes; at most " + maxBytes + " are accepted.");
        }
        int malformed = WellFormedUtf8.firstMalformedByte(payload);
        if (malformed >= 0) {
            throw Rejection.atOffset(MALFORMED_PAYLOAD, malformed, malformed == payload.length
                    ? "The payload is not UTF-8: it ends inside a multi-byte character."
                    : String.format("The payload is not UTF-8: byte 0x%02X at offset %d does not belong there.",
                            payload[malformed] & 0xFF, malformed));
        }
        JsonParser parser = null;
        try {
            parser = mapper.createParser(payload);
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT && first != JsonToken.START_ARRAY) {
                throw Rejection.atOffset(MALFORMED_PAYLOAD, 0, first == null
                        ? "The payload holds only whitespace; send a JSON object or array."
                        : "The payload is a single JSON value; send an object or an array of objects.");
            }
            JsonNode root = mapper.readTree(parser);
            if (parser.nextToken() != null) {
                throw JsonSyntax.trailing(parser);
            }
            return root;
        } catch (IOException e) {
            throw JsonSyntax.rejection(e, parser, maxDepth);
        } finally {
            JsonSyntax.close(parser);
        }
    }
}
