package io.vigil.codec.json;

import static io.vigil.codec.ErrorCode.INVALID_ID;
import static io.vigil.codec.ErrorCode.MALFORMED_PAYLOAD;
import static io.vigil.codec.ErrorCode.PAYLOAD_TOO_LARGE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.codec.DecodeError;
import io.vigil.codec.DecodeResult;
import io.vigil.codec.DeviceMessage;
import io.vigil.model.MeasurementRegistry;
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
    private final UntrustedJson json;
    private final MessageReader messages;

    public DeviceJsonDecoder(MeasurementRegistry registry) {
        this(registry, DeviceJsonLimits.defaults());
    }

    public DeviceJsonDecoder(MeasurementRegistry registry, DeviceJsonLimits limits) {
        Objects.requireNonNull(registry, "registry");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.messages = new MessageReader(new ValuesReader(registry, limits.maxValuesPerMessage()),
                limits.maxFutureSkew());
        this.json = new UntrustedJson(limits.maxBytes(), MAX_DEPTH);
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
            return DecodeResult.ok(messages(json.tree(payload), receivedAt));
        } catch (Rejection rejection) {
            return DecodeResult.failure(rejection.error());
        } catch (RuntimeException bug) {
            // A defect in Vigil, not in the payload; the payload itself stays out of the log.
            LOG.log(System.Logger.Level.ERROR, "event=decode.defect decoder=device-json", bug);
            return DecodeResult.failure(DecodeError.at(MALFORMED_PAYLOAD, null,
                    "Vigil could not decode this payload because of an internal error (" + bug.getClass().getSimpleName() + ")."));
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
