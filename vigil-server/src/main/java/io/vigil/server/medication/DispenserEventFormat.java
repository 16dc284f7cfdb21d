package io.vigil.server.medication;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The dispenser event JSON (docs/devices.md, "Dispenser events"): one object, or an array of at most
 * {@value #MOST_EVENTS}, each
 * <pre>{"id": "e-1042", "time": "2026-11-26T08:03:10Z", "type": "dose-taken",
 *  "schedule": "ms-…", "dueAt": "2026-11-26T08:00:00Z", "slot": "A3", "commandId": "…", "detail": "…"}</pre>
 * {@code id}, {@code time} and {@code type} are required; {@code commandId} is required for {@code command-ack}.
 * Untrusted input: a payload is read whole or refused whole, with the reason and the offending field, never thrown.
 */
final class DispenserEventFormat {
    static final int MOST_EVENTS = 100;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Pattern SLOT = Pattern.compile("[A-Za-z0-9._-]{1,32}");
    private static final Duration FUTURE_SKEW = Duration.ofMinutes(5);
    private static final int LONGEST_DETAIL = 200;

    /** One event as the device sent it (no patient yet). */
    record Incoming(String eventId, DispenserEventType type, Instant time, String scheduleId, Instant dueAt,
                    String slot, String commandId, String detail) {}

    sealed interface Parsed {
        record Ok(List<Incoming> events) implements Parsed {}

        record Refused(String reason, String field) implements Parsed {}
    }

    private DispenserEventFormat() {
    }

    static Parsed parse(byte[] payload, Instant receivedAt) {
        JsonNode root;
        try {
            root = JSON.readTree(payload);
        } catch (java.io.IOException | RuntimeException e) {
            return new Parsed.Refused("The payload is not JSON", null);
        }
        if (root == null || !(root.isObject() || root.isArray())) {
            return new Parsed.Refused("Send one event object or an array of events", null);
        }
        List<JsonNode> nodes = new ArrayList<>();
        if (root.isArray()) {
            root.forEach(nodes::add);
        } else {
            nodes.add(root);
        }
        if (nodes.isEmpty() || nodes.size() > MOST_EVENTS) {
            return new Parsed.Refused("Send 1 to " + MOST_EVENTS + " events", null);
        }
        List<Incoming> events = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            String at = root.isArray() ? "[" + i + "]." : "";
            Object one = event(nodes.get(i), at, receivedAt);
            if (one instanceof Parsed.Refused refused) {
                return refused;
            }
            events.add((Incoming) one);
        }
        return new Parsed.Ok(events);
    }

    private static Object event(JsonNode node, String at, Instant receivedAt) {
        if (!node.isObject()) {
            return new Parsed.Refused("An event is a JSON object", at.isEmpty() ? null : at.substring(0, at.length() - 1));
        }
        String id = text(node, "id");
        if (id == null || !ID.matcher(id).matches()) {
            return new Parsed.Refused("id is required: 1 to 64 letters, digits or . _ : -", at + "id");
        }
        String typeCode = text(node, "type");
        DispenserEventType type = typeCode == null ? null : DispenserEventType.ofCode(typeCode).orElse(null);
        if (type == null) {
            return new Parsed.Refused("type is one of loaded, dose-due, dose-dispensed, dose-taken, dose-removed,"
                    + " dose-missed, door-opened, jam, low-stock, tamper, command-ack", at + "type");
        }
        Instant time = instant(node, "time");
        if (time == null || time.isAfter(receivedAt.plus(FUTURE_SKEW))) {
            return new Parsed.Refused("time is required: an ISO-8601 instant with offset, not in the future", at + "time");
        }
        String schedule = text(node, "schedule");
        if (schedule != null && !ID.matcher(schedule).matches()) {
            return new Parsed.Refused("schedule is a MedicationRequest id", at + "schedule");
        }
        Instant dueAt = null;
        if (node.hasNonNull("dueAt")) {
            dueAt = instant(node, "dueAt");
            if (dueAt == null) {
                return new Parsed.Refused("dueAt is an ISO-8601 instant with offset", at + "dueAt");
            }
        }
        String slot = text(node, "slot");
        if (slot != null && !SLOT.matcher(slot).matches()) {
            return new Parsed.Refused("slot is 1 to 32 letters, digits or . _ -", at + "slot");
        }
        String commandId = text(node, "commandId");
        if ((type == DispenserEventType.COMMAND_ACK && commandId == null) || (commandId != null && !ID.matcher(commandId).matches())) {
            return new Parsed.Refused("commandId (the command's id) is required for command-ack", at + "commandId");
        }
        String detail = text(node, "detail");
        if (detail != null && detail.length() > LONGEST_DETAIL) {
            return new Parsed.Refused("detail has at most " + LONGEST_DETAIL + " characters", at + "detail");
        }
        return new Incoming(id, type, time, schedule, dueAt, slot, commandId, detail);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    private static Instant instant(JsonNode node, String field) {
        String text = text(node, field);
        if (text == null) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
