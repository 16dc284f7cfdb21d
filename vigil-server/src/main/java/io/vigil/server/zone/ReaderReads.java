package io.vigil.server.zone;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.server.tag.ScanOutcome;
import io.vigil.server.tag.Tag;
import io.vigil.server.tag.TagErrors;
import io.vigil.server.tag.TagRegistry;
import io.vigil.server.tag.TagScans;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Reads from fixed readers, by MQTT ({@code vigil/v1/readers/{readerId}/reads}) or HTTP
 * ({@code POST /api/v1/readers/{readerId}/reads}): one JSON object or an array of them, each
 * {@code {"tag": "<UID, 14 hex>"}} or {@code {"url": "<SUN URL>"}}, with optional {@code "rssi"} (dBm) and
 * {@code "time"} (ISO-8601; default the receive time). A SUN URL is verified like a handheld scan (replay, clone,
 * revocation refused and logged); a bare tag id is what plain RFID and BLE readers give — it locates a registered
 * tag but proves nothing, so it never counts as an identification. The reader is a registered device (its id and
 * secret, as for any device) that an administrator placed in a zone.
 */
@Component
public class ReaderReads {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_READS = 500;
    private static final Duration MAX_FUTURE = Duration.ofMinutes(5);

    /** What became of a batch: how many reads were placed, and why the others were not. */
    public record Outcome(int accepted, List<Refusal> refused) {}

    /** @param index the read's place in the batch */
    public record Refusal(int index, String code, String reason) {}

    private final ZoneStore zones;
    private final TagRegistry tags;
    private final TagScans scans;
    private final TagLocations locations;

    ReaderReads(ZoneStore zones, TagRegistry tags, TagScans scans, TagLocations locations) {
        this.zones = zones;
        this.tags = tags;
        this.scans = scans;
        this.locations = locations;
    }

    /** Whether the id is a registered reader. */
    public boolean isReader(String readerId) {
        return zones.readerZone(readerId).isPresent();
    }

    /** Places a batch of reads from an authenticated reader; never throws on the payload. */
    public Outcome accept(String readerId, byte[] payload, Instant received, String clientAddress) {
        Optional<String> zone = zones.readerZone(readerId);
        if (zone.isEmpty()) {
            return new Outcome(0, List.of(new Refusal(-1, TagErrors.UNKNOWN_READER, "The device is not a registered reader")));
        }
        JsonNode root;
        try {
            root = JSON.readTree(payload);
        } catch (java.io.IOException e) {
            return new Outcome(0, List.of(new Refusal(-1, TagErrors.INVALID_READ, "The payload is not JSON")));
        }
        List<JsonNode> reads = new ArrayList<>();
        if (root != null && root.isArray()) {
            root.forEach(reads::add);
        } else if (root != null && root.isObject()) {
            reads.add(root);
        }
        if (reads.isEmpty() || reads.size() > MAX_READS) {
            return new Outcome(0, List.of(new Refusal(-1, TagErrors.INVALID_READ,
                    "The payload is one read object or an array of 1–" + MAX_READS)));
        }
        int accepted = 0;
        List<Refusal> refused = new ArrayList<>();
        for (int i = 0; i < reads.size(); i++) {
            Optional<Refusal> refusal = place(readerId, zone.get(), reads.get(i), i, received, clientAddress);
            if (refusal.isEmpty()) {
                accepted++;
            } else {
                refused.add(refusal.get());
            }
        }
        return new Outcome(accepted, refused);
    }

    private Optional<Refusal> place(String readerId, String zone, JsonNode read, int index, Instant received,
                                    String clientAddress) {
        String tagId = text(read, "tag");
        String url = text(read, "url");
        if ((tagId == null) == (url == null)) {
            return Optional.of(new Refusal(index, TagErrors.INVALID_READ, "A read names either a tag or a url"));
        }
        Instant time = received;
        String when = text(read, "time");
        if (when != null) {
            try {
                time = Instant.parse(when);
            } catch (DateTimeParseException e) {
                return Optional.of(new Refusal(index, TagErrors.INVALID_READ, "time is not an ISO-8601 instant"));
            }
            if (time.isAfter(received.plus(MAX_FUTURE))) {
                return Optional.of(new Refusal(index, TagErrors.INVALID_READ, "time lies in the future"));
            }
        }
        JsonNode rssiNode = read.get("rssi");
        Integer rssi = rssiNode != null && rssiNode.isNumber() ? (int) Math.round(rssiNode.asDouble()) : null;
        Tag tag;
        if (url != null) {
            ScanOutcome outcome = scans.scan(url, new TagScans.Scanner("device:" + readerId, "device", clientAddress,
                    readerId, "reader read"));
            if (outcome instanceof ScanOutcome.Refused r) {
                return Optional.of(new Refusal(index, r.code(), r.message()));
            }
            tag = ((ScanOutcome.Accepted) outcome).tag();
        } else {
            if (!tagId.matches("[0-9A-Fa-f]{14}")) {
                return Optional.of(new Refusal(index, TagErrors.INVALID_READ, "tag is a 14-hex-digit UID"));
            }
            Optional<Tag> known = tags.find(tagId.toUpperCase(Locale.ROOT));
            if (known.isEmpty() || known.get().revoked()) {
                return Optional.of(new Refusal(index, TagErrors.UNKNOWN_TAG, "No active registered tag has this UID"));
            }
            tag = known.get();
        }
        locations.read(tag, readerId, zone, rssi, time);
        return Optional.empty();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }
}
