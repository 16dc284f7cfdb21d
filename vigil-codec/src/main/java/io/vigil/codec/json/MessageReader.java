package io.vigil.codec.json;

import static io.vigil.codec.ErrorCode.INVALID_ID;
import static io.vigil.codec.ErrorCode.INVALID_TIME;
import static io.vigil.codec.ErrorCode.UNKNOWN_FIELD;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.codec.DeviceMessage;
import io.vigil.model.Measurement;
import io.vigil.model.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads one message object: {@code {"id": …, "time": …, "values": {…}}}. */
final class MessageReader {

    static final int MAX_ID_LENGTH = MessageFields.MAX_ID_LENGTH;
    private static final String TIME_EXAMPLE = "an ISO-8601 instant with offset such as 2026-11-25T10:15:30Z";

    private final ValuesReader values;
    private final Duration maxFutureSkew;

    MessageReader(ValuesReader values, Duration maxFutureSkew) {
        this.values = values;
        this.maxFutureSkew = maxFutureSkew;
    }

    /**
     * @param message    the message object
     * @param prefix     the field path of the message with a trailing dot ("[2].") or "" for a lone message
     * @param receivedAt when Vigil received the payload
     */
    DeviceMessage read(ObjectNode message, String prefix, Instant receivedAt) throws Rejection {
        String id = null;
        Instant time = null;
        List<ValuesReader.Reading> readings = null;
        for (Map.Entry<String, JsonNode> field : message.properties()) {
            switch (field.getKey()) {
                case "id" -> id = id(field.getValue(), prefix + "id");
                case "time" -> time = time(field.getValue(), prefix + "time", receivedAt);
                case "values" -> readings = values.read(field.getValue(), prefix + "values");
                default -> throw Rejection.at(UNKNOWN_FIELD, prefix + Echo.key(field.getKey()),
                        "\"" + Echo.key(field.getKey()) + "\" is not a message field; a message has id, time and values.");
            }
        }
        if (readings == null) {
            readings = values.read(null, prefix + "values");
        }
        TimeSource source = time == null ? TimeSource.RECEIVED : TimeSource.DEVICE;
        Instant at = time == null ? receivedAt : time;
        List<Measurement> measurements = new ArrayList<>(readings.size());
        for (ValuesReader.Reading reading : readings) {
            measurements.add(new Measurement(reading.type(), reading.value(), at, source));
        }
        return new DeviceMessage(id, measurements);
    }

    private static String id(JsonNode node, String path) throws Rejection {
        String id = node.isTextual() ? node.textValue() : null;
        if (id == null || id.isEmpty() || id.length() > MAX_ID_LENGTH || !MessageFields.idCharacters(id)) {
            throw Rejection.at(INVALID_ID, path, path + " is " + Echo.jsonKind(node) + "; it must be a string of 1 to "
                    + MAX_ID_LENGTH + " characters from A-Z, a-z, 0-9 and . _ : - only.");
        }
        return id;
    }

    private Instant time(JsonNode node, String path, Instant receivedAt) throws Rejection {
        Instant time = node.isTextual() ? MessageFields.isoInstant(node.textValue()) : null;
        if (time == null) {
            throw Rejection.at(INVALID_TIME, path, path + " is " + Echo.jsonKind(node) + "; it must be "
                    + TIME_EXAMPLE + " or +01:00.");
        }
        if (Duration.between(receivedAt, time).compareTo(maxFutureSkew) > 0) {
            throw Rejection.at(INVALID_TIME, path, path + " " + Echo.quoted(node.textValue()) + " lies "
                    + Duration.between(receivedAt, time).toSeconds() + " s after Vigil received the payload;"
                    + " at most " + maxFutureSkew.toSeconds() + " s of device clock skew is accepted.");
        }
        return time;
    }
}
