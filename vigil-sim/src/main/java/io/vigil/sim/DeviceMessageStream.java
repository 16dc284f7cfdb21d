package io.vigil.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.model.MeasurementRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The device JSON one simulated device sends, message after message:
 * {@code {"id": "<deviceId>-<run>-<seq>", "time": "<instant>", "values": {…}}}. The id makes a retry idempotent;
 * the run tag keeps ids unique when a device is simulated again after a restart. Not thread-safe: one device
 * loop owns it.
 */
final class DeviceMessageStream {

    /** One payload ready to send: one message, or a JSON array of several, with each message's id and readings. */
    record Outgoing(byte[] payload, int readings, int messages, List<Sent> sent) {}

    /** One message of a payload: its id and how many readings it carries (what an ack log records). */
    record Sent(String id, int readings) {}

    static final int IMPLAUSIBLE_HEART_RATE = 900;

    private final SimulatedDevice device;
    private final String idPrefix;
    private final ObjectMapper mapper;
    private final DeviceReadout readout;
    private long seq;
    private Instant lastSpotVitals;

    DeviceMessageStream(SimulatedDevice device, String runTag, ObjectMapper mapper, MeasurementRegistry registry) {
        this.device = device;
        this.idPrefix = device.deviceId() + "-" + runTag + "-";
        this.mapper = mapper;
        this.readout = new DeviceReadout(device, registry);
    }

    /**
     * The next payload: up to {@code batch} messages read at the simulated instant, stamped with the wall-clock
     * time; {@code null} when every reading was dropped.
     */
    Outgoing next(Instant simulatedTime, Instant wallTime, int batch) {
        ArrayNode messages = mapper.createArrayNode();
        List<Sent> sent = new ArrayList<>(batch);
        int readings = 0;
        for (int i = 0; i < batch; i++) {
            ObjectNode message = nextMessage(simulatedTime, wallTime);
            if (message != null) {
                messages.add(message);
                int count = message.get("values").size();
                readings += count;
                sent.add(new Sent(message.get("id").asText(), count));
            }
        }
        if (messages.isEmpty()) {
            return null;
        }
        JsonNode payload = batch == 1 ? messages.get(0) : messages;
        return new Outgoing(write(payload), readings, messages.size(), List.copyOf(sent));
    }

    /**
     * A message Vigil must refuse: a heart rate of 900 /min, outside the registry's plausible range. Sent only when
     * asked for, to show rejection and dead letters in a demo.
     */
    Outgoing implausible(Instant wallTime) {
        ObjectNode message = mapper.createObjectNode();
        String id = idPrefix + seq++;
        message.put("id", id);
        message.put("time", wallTime.truncatedTo(ChronoUnit.MILLIS).toString());
        message.putObject("values").put("heart-rate", IMPLAUSIBLE_HEART_RATE);
        return new Outgoing(write(message), 1, 1, List.of(new Sent(id, 1)));
    }

    private ObjectNode nextMessage(Instant simulatedTime, Instant wallTime) {
        long n = seq++;
        boolean spotVitalsDue = lastSpotVitals == null
                || Duration.between(lastSpotVitals, simulatedTime).compareTo(DeviceKind.SPOT_VITALS_PERIOD) >= 0;
        ObjectNode values = readout.read(simulatedTime, n, spotVitalsDue);
        if (values == null) {
            return null;
        }
        if (spotVitalsDue && values.has("blood-pressure")) {
            lastSpotVitals = simulatedTime;
        }
        ObjectNode message = mapper.createObjectNode();
        message.put("id", idPrefix + n);
        message.put("time", wallTime.truncatedTo(ChronoUnit.MILLIS).toString());
        message.set("values", values);
        return message;
    }

    private byte[] write(JsonNode payload) {
        try {
            return mapper.writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write device JSON for " + device.deviceId(), e);
        }
    }
}
