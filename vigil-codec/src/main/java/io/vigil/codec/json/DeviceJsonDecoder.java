package io.vigil.codec.json;

import static io.vigil.codec.ErrorCode.INVALID_ID;
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
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.codec.DecodeError;
import io.vigil.codec.DecodeResult;
import io.vigil.codec.DeviceMessage;
import io.vigil.model.MeasurementRegistry;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Decodes Vigil's device JSON — one message object or a non-empty array of them — into coded measurements in
 * canonical units. Input is untrusted: every problem comes back as a {@link DecodeResult.Failure} naming the
 * first offending field, and one bad message refuses the whole payload. Thread-safe; build one and share it.
 */
public final class DeviceJsonDecoder {

    private static final System.Logger LOG = System.getLogger(DeviceJsonDecoder.class.getName());
    /** The deepest valid payload nests 5 levels (array, message, values, panel, {value, unit}). */
    static final int MAX_DEPTH = 16;

    private final DeviceJsonLimits limits;
    private final ObjectMapper mapper;
    private final MessageReader messages;

    public DeviceJsonDecoder(MeasurementRegistry registry) {
        this(registry, DeviceJsonLimits.defaults());
    }

    public DeviceJsonDecoder(MeasurementRegistry registry, DeviceJsonLimits limits) {
        Objects.requireNonNull(registry, "registry");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.messages = new MessageReader(new ValuesReader(registry, limits.maxValuesPerMessage()),
                limits.maxFutureSkew());
        JsonFactory factory = JsonFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                // Interning attacker-chosen keys would fill the JVM's string table for nothing.
                .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
                .build();
        this.mapper = JsonMapper.builder(factory).enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY).build();
    }

    /**
     * @param payload    the raw bytes (UTF-8 JSON) as received
     * @param receivedAt when Vigil received them; the time of messages that carry none
     * @return the messages in payload order, or the reason the payload is refused
     * @throws NullPointerException only if {@code receivedAt} is null (a caller's bug; the payload never throws)
     */
    public DecodeResult<List<DeviceMessage>> decode(byte[] payload, Instant receivedAt) {
        Objects.requireNonNull(receivedAt, "receivedAt");
        try {
            return DecodeResult.ok(messages(parse(payload), receivedAt));
        } catch (Rejection rejection) {
            return DecodeResult.failure(rejection.error());
        } catch (RuntimeException bug) {
            // A defect in Vigil, not in the payload; the payload itself stays out of the log.
            LOG.log(System.Logger.Level.ERROR, "event=decode.defect decoder=device-json", bug);
            return DecodeResult.failure(DecodeError.at(MALFORMED_PAYLOAD, null,
                    "Vigil could not decode this payload because of an internal error (" + bug.getClass().getSimpleName() + ")."));
        }
    }

    private JsonNode parse(byte[] payload) throws Rejection {
        if (payload == null || payload.length == 0) {
            throw Rejection.atOffset(MALFORMED_PAYLOAD, 0, "The payload is empty; send a JSON object or array.");
        }
        if (payload.length > limits.maxBytes()) {
            throw Rejection.atOffset(PAYLOAD_TOO_LARGE, limits.maxBytes(), "The payload has " + payload.length
                    + " bytes; at most " + limits.maxBytes() + " are accepted.");
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
            throw JsonSyntax.rejection(e, parser);
        } finally {
            JsonSyntax.close(parser);
        }
    }

    private List<DeviceMessage> messages(JsonNode root, Instant receivedAt) throws Rejection {
        if (root instanceof ObjectNode message) {
            return List.of(messages.read(message, "", receivedAt));
        }
        ArrayNode array = (ArrayNode) root;
        if (array.isEmpty()) {
            throw Rejection.at(MALFORMED_PAYLOAD, null, "The payload is an empty array; send at least one message.");
        }
        if (array.size() > limits.maxMessages()) {
            throw Rejection.at(PAYLOAD_TOO_LARGE, null, "The payload has " + array.size()
                    + " messages; at most " + limits.maxMessages() + " are accepted in one payload.");
        }
        List<DeviceMessage> decoded = new ArrayList<>(array.size());
        Map<String, Integer> indexById = new HashMap<>();
        for (int i = 0; i < array.size(); i++) {
            String prefix = "[" + i + "].";
            if (!(array.get(i) instanceof ObjectNode message)) {
                throw Rejection.at(MALFORMED_PAYLOAD, "[" + i + "]", "[" + i + "] is "
                        + Echo.jsonKind(array.get(i)) + "; every element of the array must be a message object.");
            }
            DeviceMessage read = messages.read(message, prefix, receivedAt);
            Integer earlier = read.messageId() == null ? null : indexById.putIfAbsent(read.messageId(), i);
            if (earlier != null) {
                throw Rejection.at(INVALID_ID, prefix + "id", prefix + "id repeats the id of [" + earlier
                        + "]; each message of a payload needs its own id.");
            }
            decoded.add(read);
        }
        return List.copyOf(decoded);
    }
}
